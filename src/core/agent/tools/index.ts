/** The built-in agent tools, in the order the model sees them. MCP tools are added per session. */
import type { AgentTool } from '../types';
import { createFileTool } from './createFile';
import { deleteFileTool } from './deleteFile';
import { editFileTool } from './editFile';
import { findDefinitionTool } from './findDefinition';
import { findReferencesTool } from './findReferences';
import { getDiagnosticsTool } from './getDiagnostics';
import { grepTool } from './grepSearch';
import { listDirectoryTool } from './listDirectory';
import { readFileTool } from './readFile';
import { runCommandTool } from './runCommand';
import { searchCodeTool } from './searchCode';
import { updatePlanTool } from './updatePlan';

export const BUILT_IN_TOOLS: readonly AgentTool[] = [
  updatePlanTool,
  readFileTool,
  listDirectoryTool,
  searchCodeTool,
  grepTool,
  findDefinitionTool,
  findReferencesTool,
  editFileTool,
  createFileTool,
  deleteFileTool,
  runCommandTool,
  getDiagnosticsTool,
];

/**
 * update_plan: the checklist the model keeps for the task. The loop shows it in the panel and
 * echoes it back, so the model sees its plan after every step.
 */
import type { AgentTool, PlanItem } from '../types';
import { failed } from './toolArgs';

export const updatePlanTool: AgentTool = {
  category: 'read',
  definition: {
    name: 'update_plan',
    description: 'Set the plan for the task as a checklist; call it first, and again whenever a step starts or is done. Exactly the whole list each time.',
    parameters: {
      type: 'object',
      properties: {
        plan: {
          type: 'array',
          items: { type: 'object', properties: { step: { type: 'string' }, status: { type: 'string', enum: ['pending', 'in_progress', 'done'] } }, required: ['step', 'status'] },
        },
      },
      required: ['plan'],
    },
  },
  async run(args) {
    const plan = parsePlan(args['plan']);
    if (!plan) return failed('Plan: invalid', 'update_plan needs "plan": [{"step": "…", "status": "pending" | "in_progress" | "done"}, …].');
    const done = plan.filter((p) => p.status === 'done').length;
    return { title: `Plan · ${done}/${plan.length} done`, content: `Plan updated:\n${renderPlan(plan)}` };
  },
};

export function parsePlan(v: unknown): PlanItem[] | undefined {
  if (!Array.isArray(v) || !v.length) return undefined;
  const out: PlanItem[] = [];
  for (const item of v) {
    if (typeof item === 'string') out.push({ step: item, status: 'pending' });
    else if (item && typeof item === 'object' && typeof (item as { step?: unknown }).step === 'string') {
      const s = (item as { status?: unknown }).status;
      out.push({ step: (item as { step: string }).step, status: s === 'done' || s === 'in_progress' ? s : 'pending' });
    } else return undefined;
  }
  return out.slice(0, 30);
}

export function renderPlan(plan: readonly PlanItem[], bullet = '- '): string {
  return plan.map((p) => `${bullet}[${p.status === 'done' ? 'x' : p.status === 'in_progress' ? '~' : ' '}] ${p.step}`).join('\n');
}

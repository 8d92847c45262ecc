/**
 * Keeps the conversation scrolled to the newest text while an answer streams, unless the user has
 * scrolled up to read: then it leaves the view alone until they come back to the bottom.
 */
const NEAR_BOTTOM_PX = 48;

export function keepScrolledToBottom(scroller: HTMLElement): () => void {
  let stick = true;
  const onScroll = () => {
    stick = scroller.scrollHeight - scroller.scrollTop - scroller.clientHeight <= NEAR_BOTTOM_PX;
  };
  scroller.addEventListener('scroll', onScroll, { passive: true });
  // Mutations are delivered once per task, so a burst of rendering costs one scroll.
  const observer = new MutationObserver(() => {
    if (stick) scroller.scrollTop = scroller.scrollHeight;
  });
  observer.observe(scroller, { childList: true, subtree: true, characterData: true });
  return () => {
    observer.disconnect();
    scroller.removeEventListener('scroll', onScroll);
  };
}

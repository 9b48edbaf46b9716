/**
 * Attachments that put the keyboard focus where the user must look next. An error or a result appears next to
 * the control that caused it; focusing it makes screen readers read it and brings it on screen, so nothing
 * happens out of sight (the element needs `tabindex="-1"`).
 */

/** Focus the element as soon as it appears, and scroll it into view if it is not. */
export function focusOnArrival(element: HTMLElement): void {
  element.focus({ preventScroll: true });
  // Centred rather than 'nearest': flush with the window's edge, a sub-pixel rounding can leave it cut off.
  const { top, bottom } = element.getBoundingClientRect();
  const height = element.ownerDocument.documentElement.clientHeight;
  if (top < 0 || bottom > height) element.scrollIntoView({ block: 'center' });
}

/**
 * Focus the element as it appears only if the focus was lost: the control the user pressed was disabled while
 * the action ran, or removed by its result (a sign-in form gone once signed in). Focus the user moved on
 * purpose is left alone.
 */
export function focusIfLost(element: HTMLElement): void {
  const active = element.ownerDocument.activeElement;
  if (active === null || active === element.ownerDocument.body) focusOnArrival(element);
}

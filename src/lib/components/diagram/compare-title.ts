/** The title of /compare at a step (the server writes it; the island keeps it in step). */
export function compareTitle(step: number): string {
  return `User pool and identity pool federation, side by side${step ? `, step ${step}` : ''} · Cognito Lens`;
}

/** A member id is `clientId-UUID` (or `instanceId-UUID`): the readable part, for narration and panels. */
export function memberName(memberId: string): string {
  const cut = memberId.length - 37;
  return cut > 0 && memberId[cut] === '-' ? memberId.slice(0, cut) : memberId;
}

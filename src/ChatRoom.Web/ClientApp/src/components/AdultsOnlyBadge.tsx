/** "18+" on a room or lounge only age-verified members may enter; the words are read out, not left to the sign. */
export function AdultsOnlyBadge() {
  return (
    <span className="badge badge-adults">
      18+ <span className="visually-hidden">(age-verified members only)</span>
    </span>
  );
}

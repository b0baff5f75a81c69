import { Link } from 'react-router-dom';

/** What a guest sees instead of direct messages: the Api refuses guests on either side (conversation.guest). */
export function MembersOnlyNotice() {
  return (
    <div className="notice stack">
      <p>
        Direct messages are for registered members. Register this account to send and receive them; your name and your
        messages are kept.
      </p>
      <p>
        {/* The profile has the form that registers a guest in place, as the user menu's link does. */}
        <Link to="/profile">Register this account</Link>
      </p>
    </div>
  );
}

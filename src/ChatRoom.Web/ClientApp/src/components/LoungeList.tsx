import type { Lounge, Room } from '../api/lounges.ts';
import { Link } from 'react-router-dom';
import { AdultsOnlyBadge } from './AdultsOnlyBadge.tsx';

export function LoungeList({ lounges }: { lounges: Lounge[] }) {
  return (
    <nav aria-label="Lounges" className="lounges">
      {lounges.length === 0 ? (
        <p role="status" className="notice">
          No lounges yet.
        </p>
      ) : (
        <ul className="lounge-list">
          {lounges.map((lounge) => (
            <li key={lounge.id}>
              <LoungeCard lounge={lounge} />
            </li>
          ))}
        </ul>
      )}
    </nav>
  );
}

function LoungeCard({ lounge }: { lounge: Lounge }) {
  const headingId = `lounge-${lounge.id}`;
  return (
    <section aria-labelledby={headingId} className="card lounge">
      <h2 id={headingId}>{lounge.name}</h2>
      {lounge.description && <p className="lounge-description">{lounge.description}</p>}
      {lounge.adultsOnly && (
        <p className="muted">
          <AdultsOnlyBadge /> Every room in this lounge is for members whose age is verified.
        </p>
      )}
      {lounge.rooms.length === 0 ? (
        <p className="muted">No rooms in this lounge yet.</p>
      ) : (
        <ul className="room-list" aria-label={`Rooms in ${lounge.name}`}>
          {lounge.rooms.map((room) => (
            <li key={room.id}>
              <RoomItem room={room} />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function RoomItem({ room }: { room: Room }) {
  return (
    <div className="room">
      <Link to={`/rooms/${encodeURIComponent(room.id)}`} className="room-name">
        {room.name}
      </Link>
      <span className="room-language" title="Language">
        {room.languageCode}
      </span>
      {room.adultsOnly && <AdultsOnlyBadge />}
      {room.topic && <p className="room-topic">{room.topic}</p>}
    </div>
  );
}

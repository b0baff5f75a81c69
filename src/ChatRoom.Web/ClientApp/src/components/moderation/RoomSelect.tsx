import { useQuery } from '@tanstack/react-query';
import { fetchLounges } from '../../api/lounges.ts';
import { queryKeys } from '../../api/queryKeys.ts';
import { SelectField, TextField } from '../Field.tsx';

/** A room by name (from the public lounge list), or its id typed in when the list cannot be loaded. */
export function RoomSelect({
  label = 'Room',
  emptyLabel = 'No room',
  value,
  onChange,
  error,
  hint,
}: {
  label?: string;
  emptyLabel?: string;
  value: string;
  onChange: (roomId: string) => void;
  error?: string | undefined;
  hint?: string;
}) {
  const query = useQuery({ queryKey: queryKeys.lounges, queryFn: ({ signal }) => fetchLounges({ signal }) });
  const lounges = query.data;

  if (query.isError) {
    return (
      <TextField
        label="Room id"
        hint="The room list could not be loaded; paste the room's id."
        spellCheck={false}
        value={value}
        error={error}
        onChange={(e) => {
          onChange(e.target.value);
        }}
      />
    );
  }
  const known = lounges?.some((l) => l.rooms.some((r) => r.id === value)) ?? false;
  return (
    <SelectField
      label={label}
      hint={hint}
      value={value}
      error={error}
      onChange={(e) => {
        onChange(e.target.value);
      }}
    >
      <option value="">{emptyLabel}</option>
      {value !== '' && !known && <option value={value}>Room {value}</option>}
      {lounges?.map((lounge) => (
        <optgroup key={lounge.id} label={lounge.name}>
          {lounge.rooms.map((room) => (
            <option key={room.id} value={room.id}>
              {room.name} ({room.languageCode})
            </option>
          ))}
        </optgroup>
      ))}
    </SelectField>
  );
}

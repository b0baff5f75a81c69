import { useId, useState } from 'react';
import { chooseTheme, storedTheme, type ThemeChoice } from '../theme/theme.ts';

/** Light, dark, or as the system is set; remembered on this device. */
export function ThemeControl() {
  const id = useId();
  const [choice, setChoice] = useState<ThemeChoice>(storedTheme);
  return (
    <div className="theme-control">
      <label htmlFor={id}>Theme</label>
      <select
        id={id}
        value={choice}
        onChange={(event) => {
          const next = event.target.value as ThemeChoice;
          setChoice(next);
          chooseTheme(next);
        }}
      >
        <option value="system">System</option>
        <option value="light">Light</option>
        <option value="dark">Dark</option>
      </select>
    </div>
  );
}

import { Icon } from '../Icon';
import { useTheme } from './useTheme';

/** A toggle button: pressed means the dark theme is on. */
export function ThemeToggle() {
  const [theme, setTheme] = useTheme();
  const isDark = theme === 'dark';
  return (
    <button
      type="button"
      className="button button--ghost button--icon"
      aria-pressed={isDark}
      aria-label="Dark theme"
      onClick={() => setTheme(isDark ? 'light' : 'dark')}
      title="Dark theme: switch between the light and the dark theme"
    >
      <Icon name="moon" />
    </button>
  );
}

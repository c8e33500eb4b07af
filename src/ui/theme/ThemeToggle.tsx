import { useTheme } from './useTheme';

/** A toggle button: pressed means the dark theme is on. */
export function ThemeToggle() {
  const [theme, setTheme] = useTheme();
  const isDark = theme === 'dark';
  return (
    <button type="button" className="button button--ghost" aria-pressed={isDark} onClick={() => setTheme(isDark ? 'light' : 'dark')} title="Switch between the light and the dark theme">
      <span aria-hidden="true">{isDark ? '☾' : '☀'}</span> Dark theme
    </button>
  );
}

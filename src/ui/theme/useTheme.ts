/**
 * Light or dark: the learner's choice, saved in localStorage, or else the system's. Applied as
 * data-theme on <html> so plain CSS variables switch everything.
 */
import { useEffect, useState } from 'react';

export type Theme = 'light' | 'dark';
const STORAGE_KEY = 'kafka-sim:theme';

function savedTheme(): Theme | null {
  try {
    const value = localStorage.getItem(STORAGE_KEY);
    return value === 'light' || value === 'dark' ? value : null;
  } catch {
    return null; // storage blocked (private mode, sandboxed iframe): follow the system
  }
}

function systemTheme(): Theme {
  return typeof matchMedia === 'function' && matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
}

/** Sets the theme before the first render, so the page never flashes the wrong colours. */
export function applyInitialTheme(): void {
  document.documentElement.dataset.theme = savedTheme() ?? systemTheme();
}

export function useTheme(): [Theme, (theme: Theme) => void] {
  const [theme, setTheme] = useState<Theme>(() => (document.documentElement.dataset.theme === 'dark' ? 'dark' : 'light'));
  useEffect(() => {
    document.documentElement.dataset.theme = theme;
  }, [theme]);
  const choose = (next: Theme) => {
    try {
      localStorage.setItem(STORAGE_KEY, next);
    } catch {
      // not saved, still applied
    }
    setTheme(next);
  };
  return [theme, choose];
}

/**
 * Small line icons for the header's buttons, drawn on a 16-unit grid in the text colour. They are
 * decoration: every button that shows one keeps its name in text or in aria-label.
 */
const PATHS = {
  play: <path d="M5 3.2v9.6L12.8 8z" fill="currentColor" />,
  pause: (
    <>
      <rect x="4" y="3.5" width="2.6" height="9" rx="0.6" fill="currentColor" stroke="none" />
      <rect x="9.4" y="3.5" width="2.6" height="9" rx="0.6" fill="currentColor" stroke="none" />
    </>
  ),
  stepBack: (
    <>
      <path d="M12.5 3.5v9L6 8z" fill="currentColor" />
      <path d="M4 3.5v9" />
    </>
  ),
  step: (
    <>
      <path d="M3.5 3.5v9L10 8z" fill="currentColor" />
      <path d="M12 3.5v9" />
    </>
  ),
  restart: (
    <>
      <path d="M3.2 8a4.8 4.8 0 1 0 1.4-3.4" />
      <path d="M3.4 2.4v2.8h2.8" />
    </>
  ),
  link: (
    <>
      <path d="M6.6 9.4l2.8-2.8" />
      <path d="M7.2 4.6l1.1-1.1a2.6 2.6 0 0 1 3.7 3.7l-1.1 1.1" />
      <path d="M8.8 11.4l-1.1 1.1a2.6 2.6 0 0 1-3.7-3.7l1.1-1.1" />
    </>
  ),
  open: <path d="M2.5 4.2c0-.5.4-.9.9-.9h2.9l1.4 1.5h4.9c.5 0 .9.4.9.9v6.1c0 .5-.4.9-.9.9H3.4a.9.9 0 0 1-.9-.9z" />,
  help: (
    <>
      <circle cx="8" cy="8" r="5.9" />
      <path d="M6.3 6.3a1.8 1.8 0 1 1 2.4 1.7c-.4.2-.7.5-.7 1v.4" />
      <circle cx="8" cy="11.3" r="0.55" fill="currentColor" />
    </>
  ),
  moon: <path d="M12.8 9.6A5.2 5.2 0 0 1 6.4 3.2a5.2 5.2 0 1 0 6.4 6.4z" />,
} as const;

export type IconName = keyof typeof PATHS;

export function Icon({ name }: { name: IconName }) {
  return (
    <svg
      className="icon"
      viewBox="0 0 16 16"
      width="16"
      height="16"
      aria-hidden="true"
      focusable="false"
      fill="none"
      stroke="currentColor"
      strokeWidth="1.5"
      strokeLinecap="round"
      strokeLinejoin="round"
    >
      {PATHS[name]}
    </svg>
  );
}

import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import '@xyflow/react/dist/style.css';
import './styles.css';
import './theme/theme.css';
import { App } from './App';
import { startFromLocation } from './share/useRunPersistence';
import { applyInitialTheme } from './theme/useTheme';

applyInitialTheme();
// Before the first render: open the shared run in the URL, or the run saved before a reload.
const startUp = startFromLocation();

const root = document.getElementById('root');
if (root === null) throw new Error('index.html has no #root element');
createRoot(root).render(
  <StrictMode>
    <App startUp={startUp} />
  </StrictMode>,
);

import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { initialLanguage } from './store/initial-language.ts';
import { App } from './ui/app.tsx';
import { loadLanguage } from './ui/i18n/i18n.ts';
import './ui/styles.css';

const root = document.getElementById('root');
if (root === null) throw new Error('index.html has no #root element');

// A page that opens in Chinese fetches its words first: its first frame is already in them.
await loadLanguage(initialLanguage());

createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);

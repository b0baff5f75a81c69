import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App.tsx';
import { applyTheme, storedTheme } from './theme/theme.ts';
import './styles/theme.css';
import './styles/app.css';
import './styles/layout.css';
import './styles/helpers.css';
import './styles/header.css';
import './styles/chat.css';
import './styles/messages.css';
import './styles/forms.css';
import './styles/admin.css';
import './styles/conversations.css';
import './styles/reactions.css';

// Before the first render, so a pinned theme never flashes the other one (no inline script: the CSP forbids it).
applyTheme(storedTheme());

const container = document.getElementById('root');
if (!container) throw new Error('index.html has no #root element.');

createRoot(container).render(
  <StrictMode>
    <App />
  </StrictMode>,
);

import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App.tsx';
import './styles/app.css';
import './styles/helpers.css';
import './styles/header.css';
import './styles/chat.css';
import './styles/forms.css';
import './styles/admin.css';
import './styles/conversations.css';
import './styles/reactions.css';

const container = document.getElementById('root');
if (!container) throw new Error('index.html has no #root element.');

createRoot(container).render(
  <StrictMode>
    <App />
  </StrictMode>,
);

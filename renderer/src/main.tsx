import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { installTagStyles } from './styles/tag-styles';
import './styles/base.css';
import './styles/layout.css';
import './styles/panels.css';
import './styles/article.css';
import './styles/review.css';

installTagStyles();

const container = document.getElementById('root');
if (!container) throw new Error('Missing #root element');
createRoot(container).render(
  <StrictMode>
    <App />
  </StrictMode>,
);

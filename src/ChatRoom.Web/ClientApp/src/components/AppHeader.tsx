export function AppHeader() {
  return (
    <header className="app-header">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <h1 className="app-title">ChatRoom</h1>
    </header>
  );
}

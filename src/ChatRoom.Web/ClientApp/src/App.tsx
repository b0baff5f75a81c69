import { AppHeader } from './components/AppHeader.tsx';
import { LoungesPage } from './pages/LoungesPage.tsx';

// One page for now; auth, chat and admin pages slot in here with a router.
export function App() {
  return (
    <>
      <AppHeader />
      <main id="main" className="app-main">
        <LoungesPage />
      </main>
    </>
  );
}

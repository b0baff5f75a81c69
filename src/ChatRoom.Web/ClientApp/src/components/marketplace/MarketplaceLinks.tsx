import { Link } from 'react-router-dom';
import { MY_LISTINGS_PATH, NEW_LISTING_PATH, ORDERS_PATH } from '../../routing/paths.ts';

/** The marketplace's own pages. Guests may look around, but the Api lets only members sell (and buy). */
export function MarketplaceLinks({ guest }: { guest: boolean }) {
  return (
    <>
      <nav aria-label="Marketplace" className="marketplace-links">
        <ul>
          {!guest && (
            <li>
              <Link to={NEW_LISTING_PATH}>Sell something</Link>
            </li>
          )}
          <li>
            <Link to={MY_LISTINGS_PATH}>My listings</Link>
          </li>
          <li>
            <Link to={ORDERS_PATH}>Purchases and sales</Link>
          </li>
        </ul>
      </nav>
      {guest && <GuestMarketplaceNotice />}
    </>
  );
}

/** What a guest is told instead of being offered to sell or buy. */
export function GuestMarketplaceNotice() {
  return (
    <div className="notice stack">
      <p>You are looking around as a guest. Registering this account lets you buy and sell; your name and history are kept.</p>
      <p>
        {/* The profile has the form that registers a guest in place. */}
        <Link to="/profile">Register this account</Link>
      </p>
    </div>
  );
}

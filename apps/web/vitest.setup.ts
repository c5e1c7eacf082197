import { cleanup } from '@testing-library/react';
import { afterEach } from 'vitest';

// happy-dom has no Web Animations API; Designsystemet's Spinner synchronises its animation with it.
if (typeof document !== 'undefined' && !('getAnimations' in document)) {
  Object.assign(document, { getAnimations: () => [] });
}

afterEach(() => cleanup());

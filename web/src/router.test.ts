import { describe, expect, it } from 'vitest';
import { matchRoute } from './router';

describe('matchRoute', () => {
  it('matches patterns and decodes parameters', () => {
    expect(matchRoute('/applications/:id', '/applications/12')).toEqual({ id: '12' });
    expect(matchRoute('/payments/:ref', '/payments/a%20b')).toEqual({ ref: 'a b' });
    expect(matchRoute('/companies/:id', '/companies/3/')).toEqual({ id: '3' });
  });

  it('does not match other paths', () => {
    expect(matchRoute('/applications/:id', '/products/12')).toBeNull();
    expect(matchRoute('/applications/:id', '/applications/12/extra')).toBeNull();
    expect(matchRoute('/applications/:id', '/applications')).toBeNull();
  });

  it.each(['/applications/%E0%A4%A', '/applications/%', '/applications/%zz', '/applications/%C0%80'])(
    'treats a malformed percent-encoding (%s) as no match instead of throwing',
    (path) => {
      expect(() => matchRoute('/applications/:id', path)).not.toThrow();
      expect(matchRoute('/applications/:id', path)).toBeNull();
    },
  );
});

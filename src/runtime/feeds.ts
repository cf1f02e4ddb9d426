/** The intelligence feeds Vigil knows, in the order a full sync runs them. */
export const feedNames = ['osv', 'ghsa', 'nvd', 'csaf', 'kev', 'epss'] as const;
export type FeedName = (typeof feedNames)[number];

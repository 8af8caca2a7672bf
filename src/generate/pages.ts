/** The pages of the event log with the HTTP method and status the real logs give each. */
export const Page = {
  NextSong: 0,
  Home: 1,
  Login: 2,
  Logout: 3,
  Downgrade: 4,
  Settings: 5,
  Help: 6,
  About: 7,
  Upgrade: 8,
  SaveSettings: 9,
  Error: 10,
  SubmitUpgrade: 11,
  SubmitDowngrade: 12,
} as const;
export type Page = (typeof Page)[keyof typeof Page];

export const PAGE_NAMES: readonly string[] = [
  'NextSong',
  'Home',
  'Login',
  'Logout',
  'Downgrade',
  'Settings',
  'Help',
  'About',
  'Upgrade',
  'Save Settings',
  'Error',
  'Submit Upgrade',
  'Submit Downgrade',
];

export const PAGE_METHODS: readonly string[] = ['PUT', 'GET', 'PUT', 'PUT', 'GET', 'GET', 'GET', 'GET', 'GET', 'PUT', 'GET', 'PUT', 'PUT'];

export const PAGE_STATUS: readonly number[] = [200, 200, 307, 307, 200, 200, 200, 200, 200, 307, 404, 307, 307];

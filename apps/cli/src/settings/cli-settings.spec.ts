import { DEFAULT_API_URL, resolveSettings, settingsPath } from './cli-settings';

describe('resolveSettings', () => {
  const stored = { apiUrl: 'http://stored:8000', apiKey: 'st_stored', defaultProject: 'shop' };

  it('takes the config file over the defaults', () => {
    expect(resolveSettings(stored, {})).toEqual({
      apiUrl: { value: 'http://stored:8000', source: 'config file' },
      apiKey: { value: 'st_stored', source: 'config file' },
      defaultProject: { value: 'shop', source: 'config file' },
    });
  });

  it('lets the environment override the config file, and a flag override both', () => {
    const env = {
      SCHEMATRACE_API_URL: 'http://env:8000',
      SCHEMATRACE_API_KEY: 'st_env',
      SCHEMATRACE_PROJECT: 'blog',
    };

    expect(resolveSettings(stored, env)).toEqual({
      apiUrl: { value: 'http://env:8000', source: 'environment' },
      apiKey: { value: 'st_env', source: 'environment' },
      defaultProject: { value: 'blog', source: 'environment' },
    });
    expect(resolveSettings(stored, env, { apiUrl: 'http://flag:8000' }).apiUrl).toEqual({
      value: 'http://flag:8000',
      source: 'flag',
    });
  });

  it('falls back to the local gateway, no key and no project', () => {
    expect(resolveSettings({}, { SCHEMATRACE_API_KEY: '' })).toEqual({
      apiUrl: { value: DEFAULT_API_URL, source: 'default' },
      apiKey: { value: undefined, source: 'default' },
      defaultProject: { value: undefined, source: 'default' },
    });
  });
});

describe('settingsPath', () => {
  it('is SCHEMATRACE_CONFIG when set, else under the XDG config home, else ~/.config', () => {
    expect(settingsPath({ SCHEMATRACE_CONFIG: '/etc/st.json', HOME: '/home/a' })).toBe(
      '/etc/st.json',
    );
    expect(settingsPath({ XDG_CONFIG_HOME: '/cfg', HOME: '/home/a' })).toBe(
      '/cfg/schematrace/config.json',
    );
    expect(settingsPath({ HOME: '/home/a' })).toBe('/home/a/.config/schematrace/config.json');
  });
});

import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.ts';

describe('loadConfig', () => {
  it('gives a working install with no environment at all', () => {
    const config = loadConfig({});
    expect(config.port).toBe(3000);
    expect(config.defaultTimeZone).toBe('Asia/Shanghai');
    expect(config.publicBaseUrl).toBe('http://127.0.0.1:3000');
    expect(config.complaints.warningLeads).toEqual({ firstHandlingHours: 4, decisionDays: 3 });
  });

  it('takes the public address borrowers use for links, without a trailing slash', () => {
    expect(loadConfig({ PUBLIC_BASE_URL: 'https://loans.bank.example/' }).publicBaseUrl).toBe('https://loans.bank.example');
  });

  it('takes the complaint warning leads', () => {
    const config = loadConfig({ COMPLAINT_WARN_FIRST_HANDLING_HOURS: '6', COMPLAINT_WARN_DECISION_DAYS: '5' });
    expect(config.complaints.warningLeads).toEqual({ firstHandlingHours: 6, decisionDays: 5 });
  });

  it('names every bad variable at once', () => {
    try {
      loadConfig({ PUBLIC_BASE_URL: 'not a url', COMPLAINT_WARN_FIRST_HANDLING_HOURS: '24', PORT: 'x' });
      expect.unreachable('loadConfig accepted bad variables');
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      const message = (error as ConfigError).message;
      expect(message).toContain('PUBLIC_BASE_URL');
      expect(message).toContain('COMPLAINT_WARN_FIRST_HANDLING_HOURS');
      expect(message).toContain('PORT');
    }
  });
});

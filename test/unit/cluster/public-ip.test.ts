import { describe, expect, it, vi } from 'vitest';
import { ProvisioningInputError, resolveIngressCidr } from '#src/cluster/index.ts';

describe('resolveIngressCidr', () => {
  it('uses the configured CIDR without asking the network', async () => {
    const discover = vi.fn(async () => '198.51.100.7');
    expect(await resolveIngressCidr('203.0.113.0/24', discover)).toBe('203.0.113.0/24');
    expect(discover).not.toHaveBeenCalled();
  });

  it('otherwise allows only the discovered address, as a /32', async () => {
    expect(await resolveIngressCidr(undefined, async () => '198.51.100.7')).toBe('198.51.100.7/32');
  });

  it('refuses an answer that is not an IPv4 address (never falls back to 0.0.0.0/0)', async () => {
    await expect(resolveIngressCidr(undefined, async () => '<html>captive portal</html>')).rejects.toBeInstanceOf(ProvisioningInputError);
    await expect(resolveIngressCidr(undefined, async () => '999.1.1.1')).rejects.toThrow(/INGRESS_CIDR/);
  });

  it('explains how to set the CIDR when discovery fails, keeping the cause', async () => {
    const offline = new TypeError('fetch failed');
    const error = (await resolveIngressCidr(undefined, async () => Promise.reject(offline)).catch((e: unknown) => e)) as ProvisioningInputError;
    expect(error.message).toBe(
      'ingress: could not find your public IP address to allow into the cluster port (fetch failed); set [CLUSTER] INGRESS_CIDR (e.g. 203.0.113.7/32)',
    );
    expect(error.cause).toBe(offline);
  });
});

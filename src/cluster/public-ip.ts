import { ProvisioningInputError } from './errors.ts';

/** Returns the caller's public IPv4 address as seen from the internet. */
export type PublicIpDiscovery = () => Promise<string>;

const CHECK_IP_URL = 'https://checkip.amazonaws.com/';
const CHECK_IP_TIMEOUT_MS = 10_000;

/** Asks AWS's own echo service which address our requests come from. */
export const discoverPublicIp: PublicIpDiscovery = async () => {
  let response: Response;
  try {
    response = await fetch(CHECK_IP_URL, { signal: AbortSignal.timeout(CHECK_IP_TIMEOUT_MS) });
  } catch (error) {
    const timedOut = (error as Error).name === 'TimeoutError';
    const code = (error as { cause?: { code?: string } }).cause?.code;
    const reason = timedOut ? `no answer within ${CHECK_IP_TIMEOUT_MS / 1000} s` : (code ?? (error as Error).message);
    throw new Error(`GET ${CHECK_IP_URL} (checkip.amazonaws.com:443): ${reason}`, { cause: error });
  }
  if (!response.ok) throw new Error(`GET ${CHECK_IP_URL} (checkip.amazonaws.com:443) answered HTTP ${response.status}`);
  return (await response.text()).trim();
};

/**
 * The CIDR allowed into the cluster port: [CLUSTER] INGRESS_CIDR when set, else the caller's own
 * address as a /32. Never 0.0.0.0/0 unless the user wrote it in the config themselves.
 */
export async function resolveIngressCidr(configured: string | undefined, discover: PublicIpDiscovery): Promise<string> {
  if (configured) return configured;
  let address: string;
  try {
    address = await discover();
  } catch (error) {
    throw new ProvisioningInputError(
      'ingress',
      `could not find your public IP address to allow into the cluster port (${(error as Error).message}); set [CLUSTER] INGRESS_CIDR (e.g. 203.0.113.7/32)`,
      { cause: error },
    );
  }
  const octets = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(address);
  if (!octets || octets.slice(1).some((o) => Number(o) > 255)) {
    throw new ProvisioningInputError('ingress', `public IP discovery returned '${address.slice(0, 60)}', not an IPv4 address; set [CLUSTER] INGRESS_CIDR`);
  }
  return `${address}/32`;
}

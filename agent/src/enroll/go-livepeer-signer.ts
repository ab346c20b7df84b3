import { recoverMessageAddress, toHex, type Hex } from 'viem';
import { exchange, reason } from './http.js';

export type SignResult =
  | { readonly ok: true; readonly signature: Hex; readonly signer: string }
  | { readonly ok: false; readonly reason: string };

/**
 * Has the go-livepeer node beside the agent sign `message`: `POST
 * /signMessage` on its CLI port (form field `message`) answers the raw
 * 65-byte EIP-191 signature made with the node's ETH account. The signer is
 * recovered here, so a node whose account is not the orchestrator address
 * (`-ethOrchAddr`) is noticed before asking the collector.
 */
export async function signWithGoLivepeer(
  cliUrl: string,
  message: string,
  timeoutMs: number,
): Promise<SignResult> {
  let res;
  try {
    res = await exchange(
      `${cliUrl}/signMessage`,
      {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ message }).toString(),
      },
      { timeoutMs, maxBytes: 4096 },
    );
  } catch (err) {
    return { ok: false, reason: `go-livepeer ${cliUrl}/signMessage: ${reason(err)}` };
  }
  if (res.status !== 200) {
    const text = Buffer.from(res.body).toString('utf8').replace(/\s+/g, ' ').trim().slice(0, 200);
    return {
      ok: false,
      reason: `go-livepeer /signMessage answered ${res.status}${text ? `: ${text}` : ''}`,
    };
  }
  if (res.body.length !== 65)
    return {
      ok: false,
      reason: `go-livepeer /signMessage answered ${res.body.length} bytes, not a 65-byte signature`,
    };
  const signature = toHex(res.body);
  try {
    const signer = (await recoverMessageAddress({ message, signature })).toLowerCase();
    return { ok: true, signature, signer };
  } catch (err) {
    return {
      ok: false,
      reason: `go-livepeer /signMessage: not a valid signature (${reason(err)})`,
    };
  }
}

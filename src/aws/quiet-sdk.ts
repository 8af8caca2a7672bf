import { state as sdkVersionWarning } from '@aws-sdk/core/client';

/**
 * The AWS SDK for JavaScript v3 warns once per process, through process.emitWarning, that its releases
 * after early January 2027 will need Node >= 22 (NodeVersionSupportWarning). That is a note for the
 * SDK's maintainers of this product, not for the person loading data on Node 20: package.json
 * `engines` and the README say which Node versions are supported. This marks exactly that one warning
 * as already emitted, the same switch the SDK's own AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED
 * sets, so every other process warning still reaches the user.
 */
export function silenceSdkNodeVersionWarning(): void {
  sdkVersionWarning.warningEmitted = true;
}

/**
 * TLS material with the JDK alone: PEM certificates and unencrypted (or password-protected) private keys, the check
 * that a key belongs to its certificate, SSLContexts for servers (optionally requiring client certificates) and
 * clients, the thing name a client certificate stands for (its single subject CN) and the loopback check of a host
 * setting.
 *
 * <p>Nothing here logs: every failure is a {@link io.edgejobs.tls.TlsSetupException} whose message names the file
 * and the reason and never contains key material or a password, so callers can log it as it is.
 */
@Export
@Version("1.0.0")
package io.edgejobs.tls;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;

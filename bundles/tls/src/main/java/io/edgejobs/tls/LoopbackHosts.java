package io.edgejobs.tls;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Decides whether a host setting (of an HTTP or MQTT listener) binds to the loopback interface only, without ever asking DNS: a name
 * other than {@code localhost} could resolve to anything, so it counts as non-loopback.
 */
public final class LoopbackHosts {

    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    /** Hex digits, colons, an optional embedded IPv4 tail and zone id: parsed as a literal, never looked up. */
    private static final Pattern IPV6 = Pattern.compile("[0-9a-fA-F:]*:[0-9a-fA-F:.]*(%[\\w.-]+)?");

    private LoopbackHosts() {
    }

    /**
     * True when {@code host} can only bind to loopback: 127.0.0.0/8, ::1 (with or without brackets, also as
     * ::ffff:127.x.y.z) and {@code localhost}. Null or blank (servers such as Jetty then bind every interface), the wildcards
     * 0.0.0.0 and ::, other addresses and other names are not loopback.
     */
    public static boolean isLoopback(String host) {
        if (host == null || host.isBlank()) {
            return false;
        }
        String h = host.trim();
        if (h.startsWith("[") && h.endsWith("]")) {
            h = h.substring(1, h.length() - 1);
        }
        String lower = h.toLowerCase(Locale.ROOT);
        if (lower.equals("localhost") || lower.equals("localhost.")) {
            return true;
        }
        if (IPV4.matcher(h).matches()) {
            return isLoopbackIpv4(h);
        }
        if (IPV6.matcher(h).matches()) {
            return isLoopbackIpv6(h);
        }
        return false;
    }

    private static boolean isLoopbackIpv4(String dotted) {
        String[] octets = dotted.split("\\.");
        for (String octet : octets) {
            if (Integer.parseInt(octet) > 255) {
                return false;
            }
        }
        return Integer.parseInt(octets[0]) == 127;
    }

    private static boolean isLoopbackIpv6(String literal) {
        try {
            // A string with a colon is parsed as an IPv6 literal by InetAddress; no name lookup happens.
            return InetAddress.getByName(literal).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}

package io.edgejobs.itest;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;

/** Where Jetty really listens, seen from outside (TCP connects) and from its HttpServiceRuntime endpoints. */
final class HttpProbe {

    private static final String RUNTIME = "org.osgi.service.servlet.runtime.HttpServiceRuntime";

    private HttpProbe() {
    }

    static boolean accepts(InetAddress address, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(address, port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Whether the Web Console on 127.0.0.1:port answers 200 to these credentials. */
    static boolean consoleAccepts(int port, String username, String password) {
        try {
            HttpURLConnection connection = (HttpURLConnection) URI.create(
                    "http://127.0.0.1:" + port + "/system/console/bundles.json").toURL().openConnection();
            connection.setConnectTimeout(1000);
            connection.setReadTimeout(5000);
            String token = Base64.getEncoder().encodeToString((username + ":" + password)
                    .getBytes(StandardCharsets.UTF_8));
            connection.setRequestProperty("Authorization", "Basic " + token);
            try {
                return connection.getResponseCode() == 200;
            } finally {
                connection.disconnect();
            }
        } catch (IOException e) {
            return false;
        }
    }

    static boolean acceptsOnLoopback(int port) {
        return accepts(InetAddress.getLoopbackAddress(), port);
    }

    /** An IPv4 address of this machine that is not loopback, if it has one. */
    static Optional<InetAddress> nonLoopbackAddress() {
        try {
            for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                if (!nic.isUp() || nic.isLoopback()) {
                    continue;
                }
                for (InetAddress address : Collections.list(nic.getInetAddresses())) {
                    if (address instanceof Inet4Address && !address.isLoopbackAddress()) {
                        return Optional.of(address);
                    }
                }
            }
        } catch (SocketException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    /** The osgi.http.endpoint values of every HTTP runtime, e.g. http://127.0.0.1:8181/. */
    static List<String> endpoints(BundleContext context) {
        List<String> endpoints = new ArrayList<>();
        try {
            ServiceReference<?>[] references = context.getServiceReferences(RUNTIME, null);
            if (references != null) {
                for (ServiceReference<?> reference : references) {
                    Object value = reference.getProperty("osgi.http.endpoint");
                    if (value instanceof String[] values) {
                        endpoints.addAll(List.of(values));
                    } else if (value instanceof Iterable<?> values) {
                        values.forEach(v -> endpoints.add(String.valueOf(v)));
                    } else if (value != null) {
                        endpoints.add(value.toString());
                    }
                }
            }
        } catch (InvalidSyntaxException e) {
            throw new IllegalStateException(e);
        }
        return endpoints;
    }

    /** True when the runtime reports an endpoint on {@code port} that is not 127.0.0.1. */
    static boolean hasNonLoopbackEndpoint(BundleContext context, int port) {
        return endpoints(context).stream().anyMatch(e -> e.contains(":" + port + "/")
                && !e.startsWith("http://127.0.0.1:" + port + "/"));
    }

    /** True when every endpoint on {@code port} is a 127.0.0.1 one (and there is at least one). */
    static boolean onlyLoopbackEndpoints(BundleContext context, int port) {
        List<String> onPort = endpoints(context).stream().filter(e -> e.contains(":" + port + "/")).toList();
        return !onPort.isEmpty() && onPort.stream().allMatch(e -> e.startsWith("http://127.0.0.1:" + port + "/"));
    }
}

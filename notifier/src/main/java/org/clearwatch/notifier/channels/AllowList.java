package org.clearwatch.notifier.channels;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import org.clearwatch.notifier.plan.NotifyConfigException;

/**
 * The only hosts the notifier may talk to. A pattern is {@code host[:port]}: the host exact or
 * {@code *.example.org} (any subdomain, not the domain itself), the port a number or {@code *};
 * without a port, only the scheme's default port (443 for https, 80 for http, 25/587 for SMTP as
 * configured) matches.
 */
public final class AllowList {

    private record Entry(String host, boolean anySubdomain, String port) {}

    private final List<Entry> entries;

    private AllowList(List<Entry> entries) {
        this.entries = entries;
    }

    /**
     * @param patterns as in the configuration
     * @param at the key, for the error
     */
    public static AllowList of(List<String> patterns, String at) {
        List<Entry> entries = new java.util.ArrayList<>();
        for (int i = 0; i < patterns.size(); i++) {
            String p = patterns.get(i).trim().toLowerCase(Locale.ROOT);
            if (!p.matches("(\\*\\.)?[a-z0-9.-]+(:(\\d{1,5}|\\*))?")) {
                throw new NotifyConfigException(
                        at + "[" + i + "]: " + patterns.get(i) + " is not host[:port].");
            }
            int colon = p.lastIndexOf(':');
            String host = colon < 0 ? p : p.substring(0, colon);
            String port = colon < 0 ? null : p.substring(colon + 1);
            boolean any = host.startsWith("*.");
            entries.add(new Entry(any ? host.substring(1) : host, any, port));
        }
        return new AllowList(List.copyOf(entries));
    }

    /** Whether an http(s) URL may be requested. */
    public boolean allows(URI uri) {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !scheme.equals("http")) {
            return false;
        }
        if (uri.getHost() == null || uri.getRawUserInfo() != null) {
            return false;
        }
        int port = uri.getPort() >= 0 ? uri.getPort() : scheme.equals("https") ? 443 : 80;
        return allows(uri.getHost(), port, scheme.equals("https") ? 443 : 80);
    }

    /** Whether a host and port may be connected to; {@code defaultPort} matches a bare host. */
    public boolean allows(String host, int port, int defaultPort) {
        String h = host.toLowerCase(Locale.ROOT);
        for (Entry e : entries) {
            boolean hostMatches = e.anySubdomain() ? h.endsWith(e.host()) : h.equals(e.host());
            boolean portMatches =
                    e.port() == null
                            ? port == defaultPort
                            : e.port().equals("*") || e.port().equals(Integer.toString(port));
            if (hostMatches && portMatches) {
                return true;
            }
        }
        return false;
    }
}

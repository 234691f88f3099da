package dev.tollgate.auth.cluster;

import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.htmlunit.WebRequest;
import org.htmlunit.WebResponse;

import dev.tollgate.auth.support.Browser;

/**
 * A browser behind a round-robin load balancer: each request to the auth server goes to the next instance, and
 * an instance that does not answer is skipped from then on, as a load balancer's health check would.
 */
class LoadBalancedBrowser extends Browser {

    private final Set<Integer> allInstances;

    private final List<Integer> instances;

    private final Map<Integer, Integer> servedBy = new LinkedHashMap<>();

    private int next;

    LoadBalancedBrowser(List<Integer> instancePorts) {
        super("http://localhost:" + instancePorts.get(0));
        this.allInstances = Set.copyOf(instancePorts);
        this.instances = new ArrayList<>(instancePorts);
    }

    @Override
    protected boolean isServer(URL url) {
        return "localhost".equals(url.getHost()) && allInstances.contains(url.getPort());
    }

    @Override
    protected WebResponse toServer(WebRequest request, Connection connection) throws IOException {
        while (!instances.isEmpty()) {
            int port = instances.get(next++ % instances.size());
            request.setUrl(onPort(request.getUrl(), port));
            try {
                WebResponse response = connection.send(request);
                servedBy.merge(port, 1, Integer::sum);
                return response;
            }
            catch (IOException instanceIsGone) {
                instances.remove(Integer.valueOf(port));
            }
        }
        throw new IOException("no auth server instance answers");
    }

    /** How many requests each instance (by port) served. */
    Map<Integer, Integer> servedBy() {
        return servedBy;
    }

    private static URL onPort(URL url, int port) throws MalformedURLException {
        return new URL(url.getProtocol(), url.getHost(), port, url.getFile());
    }
}

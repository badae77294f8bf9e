package io.camelaccs.test;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The ACL resources the simulated integration's role lacks. Commerce checks them after the token: a valid token for an
 * integration without the resource gets the same 401 body an invalid token gets, which is why a client can only tell
 * the two apart by whether a freshly issued token is refused too.
 */
final class AclGrants {

    private final Set<String> denied = ConcurrentHashMap.newKeySet();

    void deny(String resource) {
        denied.add(resource);
    }

    void allow(String resource) {
        denied.remove(resource);
    }

    void allowAll() {
        denied.clear();
    }

    boolean isDenied(String resource) {
        return resource != null && denied.contains(resource);
    }
}

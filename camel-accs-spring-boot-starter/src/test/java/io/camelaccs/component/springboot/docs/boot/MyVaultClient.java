package io.camelaccs.component.springboot.docs.boot;

/** The vault client docs/spring-boot.md's customizer reads the secret from; the test's stands in for a real one. */
public interface MyVaultClient {

    String read(String path);
}

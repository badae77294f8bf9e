package io.camelaccs.rest;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Commerce answered 401 although the request carried a token fetched from IMS moments before: the credential lacks a
 * permission, it does not hold a bad token. Commerce gives both the same answer ({@code The consumer isn't authorized
 * to access %resources.}), so the component tells them apart by replaying the request once with a new token; when that
 * token is refused too, this exception is raised, and later 401s on that token raise it at once, without asking IMS
 * for yet another token.
 * <p>
 * The fix is on the Commerce side: grant the ACL resource named by {@link #getAclResource()} (for example
 * {@code Magento_Catalog::products}) to the role of the integration or technical account. A new token is not needed.
 * When every operation is refused this way, the credential is not admitted to the tenant at all: its scopes lack
 * {@code commerce.accs}, or it belongs to another organization or project than the tenant.
 */
public class AccsPermissionException extends AccsApiException {

    private static final long serialVersionUID = 1L;

    private final String aclResource;

    /**
     * @param commerceMessage Commerce's message with its placeholders filled, or null
     * @param aclResource     the ACL resource Commerce named, or null when it named none
     */
    public AccsPermissionException(String method, String path, String commerceMessage, String aclResource,
                                   String responseBody, String debugId) {
        this(null, method, path, commerceMessage, aclResource, responseBody, debugId);
    }

    /** @param platformName how the message names the platform; null for ACCS */
    public AccsPermissionException(String platformName, String method, String path, String commerceMessage,
                                   String aclResource, String responseBody, String debugId) {
        super(platformName, 401, method, path, commerceMessage, responseBody, debugId, advice(platformName, aclResource));
        this.aclResource = aclResource;
    }

    /** The ACL resource the credential lacks, as Commerce named it ({@code Magento_Catalog::products}); may be null. */
    public String getAclResource() {
        return aclResource;
    }

    /** Where the permission is granted: the ACCS credential's role, or on a PaaS shop its Admin role or integration. */
    private static String advice(String platformName, String aclResource) {
        String what = aclResource == null ? "the permission this operation needs"
                : "ACL resource " + aclResource;
        String where = platformName == null || platformName.equals("ACCS")
                ? " to the role of the integration; if every operation is refused, check scopes, orgId and the"
                  + " tenant in baseUrl instead)"
                : " to the Admin user's role (System > Permissions > User Roles), or to the integration's API"
                  + " resources (System > Extensions > Integrations, then activate it again))";
        return "(a token fetched just before was refused too: the credential lacks a permission, its token is fine;"
               + " grant " + what + where;
    }

    /** Commerce names the resource in {@code parameters.resources} (several are comma-separated). */
    static String aclResource(JsonNode body) {
        if (body == null) {
            return null;
        }
        JsonNode resources = body.path("parameters").path("resources");
        return resources.isValueNode() && !resources.asText().isBlank() ? resources.asText() : null;
    }
}

package dev.arouter.routing;

import dev.arouter.ingress.GatewayException;

/** A catalog model whose provider speaks an API family this endpoint cannot reach yet. */
public class FamilyNotServed extends GatewayException {

    public FamilyNotServed(String message) {
        super(400, "invalid_request_error", "provider_family_not_served", "model", message);
    }
}

// Passkeys (WebAuthn Level 2) on Tollgate's pages: "Sign in with a passkey" on the login page and "Add a passkey"
// on the account page. The server sends the ceremony options as JSON with binary fields in base64url; the browser API
// wants ArrayBuffers, and its answers go back the same way. Messages are in the page (from the message bundles), this
// script only chooses which one to show.
"use strict";
(() => {
    const base64url = {
        toBytes(text) {
            const binary = atob(text.replace(/-/g, "+").replace(/_/g, "/"));
            return Uint8Array.from(binary, (character) => character.charCodeAt(0)).buffer;
        },
        fromBytes(buffer) {
            const binary = String.fromCharCode(...new Uint8Array(buffer));
            return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
        },
    };

    function withIds(descriptors) {
        return (descriptors || []).map((descriptor) => ({ ...descriptor, id: base64url.toBytes(descriptor.id) }));
    }

    function post(element, url, body) {
        return fetch(url, {
            method: "POST",
            credentials: "same-origin",
            headers: { "Content-Type": "application/json", [element.dataset.csrfHeader]: element.dataset.csrfToken },
            body: body === undefined ? undefined : JSON.stringify(body),
        });
    }

    async function errorOf(response, fallback) {
        try {
            return (await response.json()).error || fallback;
        } catch (notJson) {
            return fallback;
        }
    }

    /** Shows the message of `outcome` (an element id after `prefix`) in `container`, hides the others. */
    function show(container, prefix, outcome) {
        const wanted = container.querySelector(`#${prefix}${outcome}`) ? prefix + outcome : prefix + "not_accepted";
        container.querySelectorAll("[data-passkey-message]").forEach((message) => {
            message.hidden = message.id !== wanted;
        });
    }

    async function addPasskey(form) {
        const name = form.querySelector("#new-passkey-name").value.trim();
        if (!name) {
            return "name";
        }
        const optionsResponse = await post(form, form.dataset.optionsUrl);
        if (optionsResponse.redirected) {
            // the sign-in is too old for a new passkey: the login page asks again, then comes back here
            window.location.assign(optionsResponse.url);
            return null;
        }
        if (!optionsResponse.ok) {
            return "not_accepted";
        }
        const options = await optionsResponse.json();
        let credential;
        try {
            credential = await navigator.credentials.create({
                publicKey: {
                    ...options,
                    challenge: base64url.toBytes(options.challenge),
                    user: { ...options.user, id: base64url.toBytes(options.user.id) },
                    excludeCredentials: withIds(options.excludeCredentials),
                },
            });
        } catch (cancelledOrRefused) {
            return "cancelled";
        }
        const response = credential.response;
        const registered = await post(form, form.dataset.registerUrl, {
            publicKey: {
                label: name,
                credential: {
                    id: credential.id,
                    rawId: base64url.fromBytes(credential.rawId),
                    type: credential.type,
                    response: {
                        attestationObject: base64url.fromBytes(response.attestationObject),
                        clientDataJSON: base64url.fromBytes(response.clientDataJSON),
                        transports: response.getTransports ? response.getTransports() : [],
                    },
                    clientExtensionResults: credential.getClientExtensionResults(),
                    authenticatorAttachment: credential.authenticatorAttachment,
                },
            },
        });
        if (registered.ok) {
            window.location.assign(form.dataset.doneUrl);
            return null;
        }
        return errorOf(registered, "not_accepted");
    }

    async function signIn(section) {
        const optionsResponse = await post(section, section.dataset.optionsUrl);
        if (!optionsResponse.ok) {
            return "not_accepted";
        }
        const options = await optionsResponse.json();
        let credential;
        try {
            credential = await navigator.credentials.get({
                publicKey: {
                    ...options,
                    challenge: base64url.toBytes(options.challenge),
                    allowCredentials: withIds(options.allowCredentials),
                },
            });
        } catch (cancelledOrRefused) {
            return "cancelled";
        }
        const response = credential.response;
        const signedIn = await post(section, section.dataset.signInUrl, {
            id: credential.id,
            rawId: base64url.fromBytes(credential.rawId),
            type: credential.type,
            response: {
                authenticatorData: base64url.fromBytes(response.authenticatorData),
                clientDataJSON: base64url.fromBytes(response.clientDataJSON),
                signature: base64url.fromBytes(response.signature),
                userHandle: response.userHandle ? base64url.fromBytes(response.userHandle) : undefined,
            },
            clientExtensionResults: credential.getClientExtensionResults(),
            authenticatorAttachment: credential.authenticatorAttachment,
        });
        if (signedIn.ok) {
            window.location.assign((await signedIn.json()).redirectUrl);
            return null;
        }
        return "not_accepted";
    }

    /** Runs `ceremony` once at a time from `button`, then shows its outcome, if any. */
    function onClick(button, container, prefix, ceremony) {
        return async (event) => {
            event.preventDefault();
            if (button.disabled) {
                return;
            }
            button.disabled = true;
            try {
                const outcome = await ceremony();
                if (outcome) {
                    show(container, prefix, outcome);
                }
            } catch (networkOrServer) {
                show(container, prefix, "not_accepted");
            } finally {
                button.disabled = false;
            }
        };
    }

    if (!window.PublicKeyCredential || !navigator.credentials) {
        return;
    }
    const section = document.getElementById("passkey-sign-in-section");
    if (section && section.hidden) {
        section.hidden = false;
        const button = section.querySelector("#passkey-sign-in");
        button.addEventListener("click", onClick(button, section, "passkey-sign-in-", () => signIn(section)));
    }
    const form = document.getElementById("passkey-register-form");
    if (form && form.hidden) {
        form.hidden = false;
        const button = form.querySelector("#register-passkey");
        form.addEventListener("submit", onClick(button, form, "passkey-register-", () => addPasskey(form)));
    }
})();

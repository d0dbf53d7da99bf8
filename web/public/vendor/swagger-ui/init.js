// Starts Swagger UI on /api/docs. A file, not an inline script, so the page's CSP can forbid inline code.
window.ui = SwaggerUIBundle({ url: "/api/openapi.json", dom_id: "#swagger-ui", deepLinking: true });

// The reference of the document this runtime serves. validatorUrl null: Swagger UI would otherwise
// send the document to an online validator for its badge.
window.ui = SwaggerUIBundle({
  url: '/openapi.yaml',
  dom_id: '#swagger-ui',
  deepLinking: true,
  validatorUrl: null,
  persistAuthorization: true,
  presets: [SwaggerUIBundle.presets.apis],
  layout: 'BaseLayout'
});

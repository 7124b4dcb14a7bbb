import { readFileSync } from 'node:fs';
import path from 'node:path';

/** The Swagger UI files the page loads, served from the swagger-ui-dist package (no CDN). */
const ASSETS: Record<string, string> = {
  'swagger-ui.css': 'text/css; charset=utf-8',
  'swagger-ui-bundle.js': 'text/javascript; charset=utf-8',
  'favicon-32x32.png': 'image/png',
  'favicon-16x16.png': 'image/png',
};

export interface DocsAsset {
  readonly contentType: string;
  readonly body: Buffer | string;
}

/**
 * The /docs page and its assets, read once at start. The page's own script is a file too (not
 * inline), so a Content-Security-Policy without 'unsafe-inline' still lets it run.
 */
export function swaggerUiAssets(documentUrl: string): {
  readonly page: string;
  readonly assets: ReadonlyMap<string, DocsAsset>;
} {
  const dist = path.dirname(require.resolve('swagger-ui-dist/package.json'));
  const assets = new Map<string, DocsAsset>(
    Object.entries(ASSETS).map(([file, contentType]) => [
      file,
      { contentType, body: readFileSync(path.join(dist, file)) },
    ]),
  );
  assets.set('swagger-initializer.js', {
    contentType: 'text/javascript; charset=utf-8',
    body: `window.onload = function () {
  window.ui = SwaggerUIBundle({
    url: ${JSON.stringify(documentUrl)},
    dom_id: '#swagger-ui',
    deepLinking: true,
    persistAuthorization: true,
    // The default sends the document to an online validator: the page must work offline.
    validatorUrl: null,
    presets: [SwaggerUIBundle.presets.apis],
    layout: 'BaseLayout',
  });
};
`,
  });
  const page = `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <title>SchemaTrace API</title>
    <link rel="stylesheet" href="/docs/swagger-ui.css" />
    <link rel="icon" type="image/png" href="/docs/favicon-32x32.png" sizes="32x32" />
    <link rel="icon" type="image/png" href="/docs/favicon-16x16.png" sizes="16x16" />
  </head>
  <body>
    <div id="swagger-ui"></div>
    <script src="/docs/swagger-ui-bundle.js"></script>
    <script src="/docs/swagger-initializer.js"></script>
  </body>
</html>
`;
  return { page, assets };
}

// GraphiQL for development, bundled from npm (UMD builds of graphiql, react and
// react-dom served by the gateway): works offline. A token pasted into the
// dashboard is carried over as the Authorization header.
/* global React, ReactDOM, GraphiQL */
(function () {
  const token = window.sessionStorage.getItem('partnerhub.token');
  const defaultQuery = `# partnerhub: one graph over four subgraphs (companies, clusters, partners, projects).
# Ctrl-Enter runs the query. Restricted fields (contact, history, assessments)
# need a token: put {"Authorization": "Bearer <token>"} in Headers below.
query Overview {
  companies(first: 5, filter: { cleantechDomain: WATER_TREATMENT }) {
    totalCount
    edges {
      node {
        name
        municipality
        description(lang: ZH)
        clusters { name(lang: NL) }
        suggestedPartners(limit: 2) { score sharedDomains partner { name(lang: ZH) district } }
      }
    }
  }
}
`;
  const fetcher = GraphiQL.createFetcher({ url: new URL('/graphql', window.location.href).toString() });
  const root = ReactDOM.createRoot(document.getElementById('graphiql'));
  root.render(
    React.createElement(GraphiQL, {
      fetcher,
      defaultQuery,
      defaultHeaders: token ? JSON.stringify({ Authorization: `Bearer ${token}` }, null, 2) : undefined,
      defaultEditorToolsVisibility: token ? 'headers' : false,
      shouldPersistHeaders: false,
    }),
  );
})();

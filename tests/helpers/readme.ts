/** The README's question ("Ask it something"): one company, asked of all four organisations' subgraphs. */
export const README_QUESTION = `query ReadmeQuestion {
  companyByEnterpriseNumber(enterpriseNumber: "BE 0832.531.697") {
    name
    municipality
    clusters { code name(lang: NL) }
    suggestedPartners(limit: 2) { score sharedDomains partner { nameEn nameZh district } }
    projects { title status partners { nameZh } events { title startsAt } }
  }
}`;

// Material for a believable French network: cities, streets, people, companies, what contacts are about.
export const REGIONS = [
  {
    code: 'IDF',
    name: 'Direction régionale Île-de-France',
    agencies: [
      { code: 'PAR-DEF', name: 'Agence Paris La Défense', city: 'Puteaux', postal: '92800', dial: '01' },
      { code: 'PAR-MTP', name: 'Agence Paris Montparnasse', city: 'Paris', postal: '75014', dial: '01' },
      { code: 'CRE', name: 'Agence Créteil', city: 'Créteil', postal: '94000', dial: '01' },
    ],
  },
  {
    code: 'ARA',
    name: 'Direction régionale Auvergne-Rhône-Alpes',
    agencies: [
      { code: 'LYO', name: 'Agence Lyon Part-Dieu', city: 'Lyon', postal: '69003', dial: '04' },
      { code: 'GRE', name: 'Agence Grenoble', city: 'Grenoble', postal: '38000', dial: '04' },
      { code: 'CLE', name: 'Agence Clermont-Ferrand', city: 'Clermont-Ferrand', postal: '63000', dial: '04' },
    ],
  },
  {
    code: 'SUD',
    name: "Direction régionale Provence-Alpes-Côte d'Azur",
    agencies: [
      { code: 'MRS', name: 'Agence Marseille', city: 'Marseille', postal: '13002', dial: '04' },
      { code: 'NCE', name: 'Agence Nice', city: 'Nice', postal: '06000', dial: '04' },
      { code: 'TLN', name: 'Agence Toulon', city: 'Toulon', postal: '83000', dial: '04' },
    ],
  },
] as const;

/** Nearby towns per agency, with postal codes: customers live around their agency, not in it. */
export const TOWNS: Record<string, Array<[string, string]>> = {
  'PAR-DEF': [['Puteaux', '92800'], ['Nanterre', '92000'], ['Courbevoie', '92400'], ['Rueil-Malmaison', '92500'], ['Colombes', '92700']],
  'PAR-MTP': [['Paris', '75014'], ['Paris', '75015'], ['Paris', '75006'], ['Montrouge', '92120'], ['Vanves', '92170']],
  CRE: [['Créteil', '94000'], ['Vitry-sur-Seine', '94400'], ['Ivry-sur-Seine', '94200'], ['Maisons-Alfort', '94700'], ['Choisy-le-Roi', '94600']],
  LYO: [['Lyon', '69003'], ['Lyon', '69007'], ['Villeurbanne', '69100'], ['Vénissieux', '69200'], ['Bron', '69500']],
  GRE: [['Grenoble', '38000'], ['Échirolles', '38130'], ['Saint-Martin-d’Hères', '38400'], ['Meylan', '38240'], ['Voiron', '38500']],
  CLE: [['Clermont-Ferrand', '63000'], ['Riom', '63200'], ['Issoire', '63500'], ['Cournon-d’Auvergne', '63800'], ['Thiers', '63300']],
  MRS: [['Marseille', '13002'], ['Marseille', '13008'], ['Aubagne', '13400'], ['Vitrolles', '13127'], ['Aix-en-Provence', '13100']],
  NCE: [['Nice', '06000'], ['Cagnes-sur-Mer', '06800'], ['Antibes', '06600'], ['Grasse', '06130'], ['Menton', '06500']],
  TLN: [['Toulon', '83000'], ['La Seyne-sur-Mer', '83500'], ['Hyères', '83400'], ['Fréjus', '83600'], ['Draguignan', '83300']],
};

export const FIRST_NAMES = [
  'Camille', 'Julie', 'Sophie', 'Nathalie', 'Isabelle', 'Céline', 'Aurélie', 'Émilie', 'Claire', 'Sandrine', 'Laure', 'Marion',
  'Nicolas', 'Julien', 'Thomas', 'Pierre', 'Sébastien', 'Laurent', 'Mathieu', 'Olivier', 'François', 'Antoine', 'Karim', 'Yann',
  'Mehdi', 'Inès', 'Léa', 'Chloé', 'Hugo', 'Louis', 'Manon', 'Sarah', 'Romain', 'Vincent', 'Stéphane', 'Patricia', 'Hélène', 'Bruno',
];

export const LAST_NAMES = [
  'Martin', 'Bernard', 'Dubois', 'Thomas', 'Robert', 'Richard', 'Petit', 'Durand', 'Leroy', 'Moreau', 'Simon', 'Laurent', 'Lefèvre',
  'Michel', 'Garcia', 'David', 'Bertrand', 'Roux', 'Vincent', 'Fournier', 'Morel', 'Girard', 'André', 'Mercier', 'Dupont', 'Lambert',
  'Bonnet', 'François', 'Martinez', 'Legrand', 'Garnier', 'Faure', 'Rousseau', 'Blanc', 'Guérin', 'Muller', 'Henry', 'Roussel',
  'Nicolas', 'Perrin', 'Morin', 'Mathieu', 'Clément', 'Gauthier', 'Dumont', 'Lopez', 'Fontaine', 'Chevalier', 'Robin', 'Benali',
];

export const SECTORS = [
  { sector: 'Transport et logistique', words: ['Transports', 'Logistique', 'Messageries', 'Fret'] },
  { sector: 'BTP', words: ['Bâtiment', 'Constructions', 'Travaux publics', 'Charpente'] },
  { sector: 'Commerce de détail', words: ['Boutique', 'Comptoir', 'Maison', 'Galerie'] },
  { sector: 'Hôtellerie-restauration', words: ['Hôtel', 'Brasserie', 'Restaurant', 'Traiteur'] },
  { sector: 'Santé', words: ['Clinique', 'Cabinet médical', 'Pharmacie', 'Laboratoire'] },
  { sector: 'Industrie', words: ['Ateliers', 'Usinage', 'Mécanique', 'Plasturgie'] },
  { sector: 'Services aux entreprises', words: ['Conseil', 'Cabinet', 'Expertise', 'Services'] },
  { sector: 'Agroalimentaire', words: ['Fromagerie', 'Conserverie', 'Boulangerie industrielle', 'Salaisons'] },
  { sector: 'Immobilier', words: ['Immobilier', 'Gestion locative', 'Foncière', 'Syndic'] },
  { sector: 'Enseignement', words: ['École', 'Institut', 'Centre de formation', 'Académie'] },
];

/** Names that sound local: a Marseille firm is not called "de l’Ouest parisien". */
export const NAME_TAILS: Record<string, string[]> = {
  IDF: ['de l’Ouest parisien', 'Île-de-France', 'de la Seine', 'Val-de-Marne', 'Paris Sud', 'des Hauts-de-Seine'],
  ARA: ['du Rhône', 'des Alpes', 'Auvergne', 'Confluence', 'du Dauphiné', 'des Volcans'],
  SUD: ['de Provence', 'Méditerranée', 'Azur', 'du Var', 'des Calanques', 'Riviera'],
};
export const LEGAL_FORMS = ['SARL', 'SAS', 'SA', 'EURL', 'SASU', ''];

export const STREETS = [
  'rue de la République', 'avenue Jean Jaurès', 'boulevard Gambetta', 'rue Victor Hugo', 'avenue de la Gare', 'rue Pasteur',
  'place de la Mairie', 'rue du Commerce', 'avenue Charles de Gaulle', 'rue des Écoles', 'quai de la Loire', 'rue Émile Zola',
  'allée des Tilleuls', 'chemin du Moulin', 'rue de Verdun', 'avenue Foch', 'impasse des Artisans', 'zone d’activités des Près',
];

export const JOB_TITLES = [
  'Gérant', 'Directrice générale', 'Directeur administratif et financier', 'Responsable des achats', 'Responsable informatique',
  'Office manager', 'Assistante de direction', 'Comptable', 'Directeur technique', 'Responsable des services généraux',
];

export const SUBJECTS: Record<string, string[]> = {
  phone_in: ['Question sur la facture', 'Demande de devis fibre', 'Ligne coupée depuis ce matin', 'Ajout de lignes mobiles', 'Changement d’adresse'],
  phone_out: ['Relance proposition', 'Prise de rendez-vous', 'Suivi d’installation', 'Campagne renouvellement mobiles', 'Enquête satisfaction'],
  email_in: ['Demande de contrat', 'Réclamation délai de livraison', 'Envoi du Kbis', 'Question sur l’offre Pro', 'Résiliation d’une ligne'],
  email_out: ['Envoi de la proposition commerciale', 'Récapitulatif du rendez-vous', 'Documentation offre fibre', 'Confirmation de commande'],
  visit: ['Rendez-vous découverte', 'Présentation de l’offre convergente', 'Signature du contrat', 'Revue annuelle du compte', 'Audit des besoins'],
  web: ['Formulaire de contact site web', 'Demande de rappel en ligne', 'Simulation d’offre en ligne'],
  mail: ['Courrier de résiliation', 'Envoi contrat signé', 'Courrier de réclamation'],
  chat: ['Question sur le débit', 'Aide activation messagerie', 'Suivi de commande'],
  hotline: ['Incident standard téléphonique', 'Panne routeur', 'Problème de portabilité du numéro', 'Configuration VPN'],
};

export const OUTCOMES = ['Rappeler la semaine prochaine', 'Proposition envoyée', 'Pas intéressé pour le moment', 'Rendez-vous fixé', 'Problème résolu', 'Transmis au commercial', null];

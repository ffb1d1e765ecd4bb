// The regional network of the benchmark: 5 regions × 12 agencies, each region with its own dialling prefix.
export interface BenchAgency {
  code: string;
  name: string;
  city: string;
  postal: string;
}
export interface BenchRegion {
  code: string;
  name: string;
  /** National dialling digit of landlines in the region (01 Île-de-France … 05 Sud-Ouest). */
  dial: string;
  agencies: BenchAgency[];
}

const a = (code: string, city: string, postal: string): BenchAgency => ({ code, name: `Agence ${city}`, city, postal });

export const BENCH_REGIONS: BenchRegion[] = [
  {
    code: 'B-IDF',
    name: 'Direction régionale Île-de-France',
    dial: '1',
    agencies: [
      a('B-PAR8', 'Paris 8e', '75008'), a('B-PAR15', 'Paris 15e', '75015'), a('B-PUT', 'Puteaux', '92800'),
      a('B-BOU', 'Boulogne-Billancourt', '92100'), a('B-STD', 'Saint-Denis', '93200'), a('B-CRE', 'Créteil', '94000'),
      a('B-VER', 'Versailles', '78000'), a('B-CER', 'Cergy', '95000'), a('B-EVR', 'Évry-Courcouronnes', '91000'),
      a('B-MEL', 'Melun', '77000'), a('B-NAN', 'Nanterre', '92000'), a('B-MTR', 'Montreuil', '93100'),
    ],
  },
  {
    code: 'B-NO',
    name: 'Direction régionale Nord-Ouest',
    dial: '2',
    agencies: [
      a('B-REN', 'Rennes', '35000'), a('B-NTE', 'Nantes', '44000'), a('B-BRE', 'Brest', '29200'), a('B-CAE', 'Caen', '14000'),
      a('B-ROU', 'Rouen', '76000'), a('B-LHA', 'Le Havre', '76600'), a('B-ANG', 'Angers', '49000'), a('B-LMA', 'Le Mans', '72000'),
      a('B-TOU', 'Tours', '37000'), a('B-ORL', 'Orléans', '45000'), a('B-LOR', 'Lorient', '56100'), a('B-STB', 'Saint-Brieuc', '22000'),
    ],
  },
  {
    code: 'B-NE',
    name: 'Direction régionale Nord-Est',
    dial: '3',
    agencies: [
      a('B-LIL', 'Lille', '59000'), a('B-RBX', 'Roubaix', '59100'), a('B-AMI', 'Amiens', '80000'), a('B-REI', 'Reims', '51100'),
      a('B-MET', 'Metz', '57000'), a('B-NCY', 'Nancy', '54000'), a('B-STR', 'Strasbourg', '67000'), a('B-MUL', 'Mulhouse', '68100'),
      a('B-DIJ', 'Dijon', '21000'), a('B-BES', 'Besançon', '25000'), a('B-TRO', 'Troyes', '10000'), a('B-VAL', 'Valenciennes', '59300'),
    ],
  },
  {
    code: 'B-SE',
    name: 'Direction régionale Sud-Est',
    dial: '4',
    agencies: [
      a('B-LYO', 'Lyon', '69003'), a('B-VIL', 'Villeurbanne', '69100'), a('B-GRE', 'Grenoble', '38000'), a('B-STE', 'Saint-Étienne', '42000'),
      a('B-CLE', 'Clermont-Ferrand', '63000'), a('B-ANN', 'Annecy', '74000'), a('B-MRS', 'Marseille', '13002'), a('B-AIX', 'Aix-en-Provence', '13100'),
      a('B-TLN', 'Toulon', '83000'), a('B-NCE', 'Nice', '06000'), a('B-MPL', 'Montpellier', '34000'), a('B-AVI', 'Avignon', '84000'),
    ],
  },
  {
    code: 'B-SO',
    name: 'Direction régionale Sud-Ouest',
    dial: '5',
    agencies: [
      a('B-BDX', 'Bordeaux', '33000'), a('B-MER', 'Mérignac', '33700'), a('B-TLS', 'Toulouse', '31000'), a('B-PAU', 'Pau', '64000'),
      a('B-BAY', 'Bayonne', '64100'), a('B-LIM', 'Limoges', '87000'), a('B-POI', 'Poitiers', '86000'), a('B-LRO', 'La Rochelle', '17000'),
      a('B-PER', 'Périgueux', '24000'), a('B-AGE', 'Agen', '47000'), a('B-MTB', 'Montauban', '82000'), a('B-PPN', 'Perpignan', '66000'),
    ],
  },
];

/** Syllables for invented brand names, so names vary the way a real customer base does. */
export const SYLLABLES = [
  'ar', 'bel', 'cor', 'dan', 'el', 'fa', 'gar', 'hel', 'is', 'jo', 'ker', 'lan', 'mor', 'nor', 'or', 'pal', 'quin', 'ros', 'sal', 'tal',
  'ur', 'val', 'vir', 'zen', 'bro', 'cla', 'dru', 'fle', 'gra', 'pli', 'tri', 'vo', 'mar', 'len', 'ta', 'ri', 'do', 'sa', 'lu', 'ne',
  'kan', 'ber', 'gé', 'ly', 'mé', 'po', 'ru', 'si', 'té', 'xa',
];

// Word lists, frozen here (from the demo seed at e959942) so the data set does not change when the demo seed does.
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

export const NAME_TAILS = ['du Rhône', 'de Provence', 'du Sud', 'de l’Ouest parisien', 'des Alpes', 'Méditerranée', 'Auvergne', 'Île-de-France', 'Azur', 'Confluence'];
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

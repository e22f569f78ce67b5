/*
 * Word lists for the catalogue benchmark's generated services, in English and French (no downloads). The
 * phrases are what public-sector cloud listings actually say; sentence templates combine them so 100,000
 * documents share a realistic, skewed vocabulary ("cloud", "data", "secure" everywhere, a long tail of
 * specific features) instead of random strings that would make every word rare.
 * Placeholders: {product} {adj} {audience} {goal} {feature} {benefit} {platform} {hours} {days} {percent}.
 */

export type Language = 'en' | 'fr';

export interface Vocabulary {
  /** Product names per lot slug of the catalogue template. */
  products: Record<string, string[]>;
  brandHeads: string[];
  brandTails: string[];
  companyPlaces: string[];
  companyTrades: string[];
  companyForms: string[];
  adjectives: string[];
  audiences: string[];
  goals: string[];
  features: string[];
  benefits: string[];
  platforms: string[];
  certifications: string[];
  vendors: string[];
  /** Words that appear in a few dozen services only (the "rare word" query). */
  rare: string[];
  /** Sentence templates by text field kind. */
  sentences: Record<TextKind, string[]>;
  supplierBlurb: string[];
}

export type TextKind = 'description' | 'supportLevels' | 'onboarding' | 'offboarding' | 'api' | 'resilience' | 'freeTrial' | 'training' | 'generic';

export const VOCABULARY: Record<Language, Vocabulary> = {
  en: {
    products: {
      'cloud-hosting': [
        'Managed Kubernetes', 'Virtual Servers', 'Object Storage', 'Block Storage', 'Managed PostgreSQL', 'Managed MySQL',
        'Content Delivery Network', 'Backup and Recovery', 'Private Cloud Platform', 'GPU Compute', 'Archive Storage',
        'Load Balancing', 'Container Registry', 'Serverless Functions', 'Data Warehouse', 'Sovereign Cloud Hosting',
        'Disaster Recovery as a Service', 'Managed Firewall', 'Log Analytics Platform', 'Secure File Transfer',
        'Hybrid Cloud Connect', 'Bare Metal Servers', 'Managed Redis', 'Platform as a Service',
      ],
      'cloud-software': [
        'Case Management', 'Document Management', 'HR and Payroll', 'Online Forms', 'Appointment Booking',
        'Grant Management', 'Customer Relationship Manager', 'Asset Register', 'Learning Platform', 'Staff Intranet',
        'Website Content Management', 'Identity Verification', 'Analytics Dashboards', 'Complaints Handling',
        'Housing Repairs Portal', 'Licensing and Permits', 'Payments Gateway', 'Records Management', 'Survey Tool',
        'Project Portfolio Manager', 'Digital Signatures', 'Meeting Room Booking', 'Freedom of Information Tracker',
        'Planning Applications', 'Waste Collection Scheduler', 'Visitor Management',
      ],
      'cloud-support': [
        'Cloud Migration', 'Security Health Check', 'Penetration Testing', 'DevOps Support', 'Agile Coaching',
        'Service Desk', 'Accessibility Audit', 'Data Migration', 'Cloud Cost Review', 'Platform Engineering',
        'Managed Monitoring', 'Incident Response', 'Architecture Review', 'Database Administration',
        'Cloud Training', 'Site Reliability Engineering', 'Legacy Modernisation', 'Backup Assurance',
      ],
    },
    brandHeads: [
      'Sky', 'North', 'Blue', 'Clear', 'Open', 'Bright', 'Swift', 'Iron', 'Silver', 'Green', 'Red', 'Harbour', 'Summit',
      'Beacon', 'Cedar', 'Granite', 'Atlas', 'Nimbus', 'Vector', 'Orbit', 'Quay', 'Meridian', 'Lantern', 'Kite', 'Pioneer',
      'Civic', 'Shire', 'Bridge', 'Anchor', 'Falcon', 'Heron', 'Willow', 'Oak', 'Stone', 'Compass', 'Keystone',
    ],
    brandTails: ['line', 'star', 'gate', 'path', 'works', 'flow', 'point', 'field', 'stack', 'base', 'hub', 'core', 'wise', 'mark', 'cloud', 'bay', 'vault', 'well'],
    companyPlaces: [
      'Pennine', 'Thames', 'Severn', 'Cardiff', 'Mersey', 'Tyne', 'Cotswold', 'Solent', 'Humber', 'Clyde', 'Chiltern',
      'Mendip', 'Fenland', 'Lakeland', 'Wessex', 'Mercia', 'Dales', 'Moorland', 'Riverside', 'Bristol', 'Leeds', 'Norwich',
      'Exeter', 'Belfast', 'Swansea', 'Aberdeen', 'Derwent', 'Medway', 'Trent', 'Avon', 'Ouse', 'Weald', 'Cairngorm',
      'Snowdon', 'Malvern', 'Purbeck', 'Kennet', 'Tamar', 'Eden', 'Wye',
    ],
    companyTrades: ['Cloud', 'Digital', 'Data', 'Software', 'Systems', 'Networks', 'Technology', 'Consulting', 'Labs', 'Solutions', 'Hosting', 'Analytics', 'Security', 'IT Services', 'Computing'],
    companyForms: ['Ltd', 'Ltd', 'Ltd', 'Limited', 'plc', 'LLP', 'Co-operative', 'Group Ltd'],
    adjectives: [
      'secure', 'scalable', 'managed', 'configurable', 'accessible', 'resilient', 'open', 'automated', 'flexible',
      'low-cost', 'reliable', 'modern', 'simple', 'fully managed', 'cloud-native', 'user-friendly', 'high-availability',
      'pay-as-you-go', 'multi-tenant', 'dedicated', 'compliant', 'mobile-friendly', 'fast', 'proven', 'award-winning',
    ],
    audiences: [
      'councils', 'NHS trusts', 'schools', 'universities', 'police forces', 'housing associations', 'central government departments',
      'fire and rescue services', 'arm’s-length bodies', 'health boards', 'parish councils', 'museums and libraries',
      'social care teams', 'regulators', 'courts and tribunals', 'public sector buyers', 'emergency services', 'charities',
      'devolved administrations', 'transport authorities',
    ],
    goals: [
      'reduce hosting costs', 'publish open data', 'process applications faster', 'move off legacy servers', 'meet security standards',
      'improve citizen services', 'cut paperwork', 'share records safely', 'automate routine tasks', 'keep data in the UK',
      'recover quickly from outages', 'scale during peak demand', 'track assets', 'manage cases end to end', 'train their staff',
      'comply with data protection law', 'measure service performance', 'retire old applications', 'handle more enquiries online',
      'improve accessibility', 'monitor their infrastructure', 'protect sensitive data', 'collaborate across teams',
    ],
    features: [
      'single sign-on', 'role-based access control', 'automated backups', 'audit trail', 'encryption at rest', 'encryption in transit',
      '24/7 monitoring', 'API access', 'data export to CSV', 'configurable workflows', 'dashboards and reports', 'two-factor authentication',
      'UK data centres', 'automatic scaling', 'point-in-time recovery', 'email and text notifications', 'citizen portal',
      'mobile app', 'document templates', 'electronic signatures', 'card payments', 'bulk import', 'full-text search', 'version history',
      'retention schedules', 'vulnerability scanning', 'patch management', 'container orchestration', 'load balancing',
      'content delivery', 'log retention', 'usage analytics', 'service level reporting', 'custom domains', 'webhooks',
      'offline working', 'Welsh language interface', 'screen reader support', 'geo-redundant storage', 'snapshot backups',
      'managed upgrades', 'cost alerts', 'infrastructure as code', 'private networking', 'DDoS protection', 'web application firewall',
      'identity federation', 'records retention', 'data masking', 'self-service provisioning',
    ],
    benefits: [
      'Lower running costs', 'Predictable monthly bills', 'Less time spent on servers', 'Faster decisions', 'Fewer missed appointments',
      'One view of each case', 'Happier users', 'Evidence for assurance', 'Skills stay in house', 'No upfront investment',
      'Quicker releases', 'Better data quality', 'Fewer phone calls', 'Stronger security', 'Easier audits', 'Less paper',
      'Meets accessibility regulations', 'Scales with demand', 'Data stays in the UK', 'Fewer outages',
    ],
    platforms: ['Amazon Web Services', 'Microsoft Azure', 'Google Cloud', 'Oracle Cloud', 'VMware', 'OpenStack', 'Kubernetes', 'Red Hat OpenShift', 'Cloud Foundry', 'Linux servers', 'Windows Server', 'Salesforce'],
    certifications: ['Cyber Essentials Plus', 'ISO 9001', 'ISO 14001', 'ITIL practice', 'NCSC assured service', 'PSN compliance'],
    vendors: ['Amazon Web Services', 'Microsoft', 'Google', 'Oracle', 'Salesforce', 'ServiceNow', 'Atlassian', 'Red Hat'],
    rare: ['hydrographic', 'telematics', 'geospatial', 'mainframe', 'braille', 'biobank', 'seismic', 'heraldry'],
    sentences: {
      description: [
        '{adj} {product} for {audience}, with {feature} and {feature}.',
        '{product} that helps {audience} {goal}, with {feature}, {feature} and {feature}.',
        'A {adj} service to {goal}. Includes {feature} and {feature}.',
        '{product} in UK data centres with {feature}, {feature} and a {percent}% availability target.',
        'Helps {audience} {goal} and {goal} using {adj} cloud technology.',
      ],
      supportLevels: [
        'Standard support covers {feature} questions during business hours; premium support adds a named engineer and a {hours}-hour response for critical incidents.',
        'All customers get {adj} support by email and ticket. Critical incidents are answered within {hours} hours, every day of the year.',
        'We offer three support levels. Each includes {feature} and monthly service reports; higher levels add {feature} and a technical account manager.',
      ],
      onboarding: [
        'We run a kick-off workshop, migrate your data and train administrators so that {audience} can {goal} within {days} days.',
        'Onboarding includes {feature} setup, data import and {adj} guidance for your team, with a named onboarding manager.',
        'A step-by-step plan takes you from trial to live in {days} days, including {feature} and {feature}.',
      ],
      offboarding: [
        'At the end of the contract you can export all data in open formats. We delete remaining data within {days} days and confirm in writing.',
        'We help you move to another supplier with a full data export, {feature} and a handover meeting.',
        'Data is returned in CSV and JSON, then securely destroyed; certificates of destruction are provided.',
      ],
      api: [
        'A documented REST API gives access to {feature}, {feature} and reporting, with OAuth 2.0 and rate limits.',
        'Our open API lets {audience} integrate with existing systems and {goal}.',
        'Use the API for {feature} and {feature}; client libraries and a sandbox are available.',
      ],
      resilience: [
        'Services run across {adj} data centres with {feature} and automatic failover; recovery point objective {hours} hours.',
        'Infrastructure is replicated between two UK regions, with {feature} and regular disaster recovery tests.',
        'We design for failure: {feature}, {feature} and health checks keep the service available.',
      ],
      freeTrial: [
        'Free {days}-day trial with {feature} and {feature} included.',
        'Try the full service free for {days} days, with help to {goal}.',
      ],
      training: [
        'Training for administrators and end users, online or on site, covering {feature} and {feature}.',
        'We provide courses, guides and videos so that {audience} can {goal}.',
      ],
      generic: ['{adj} {feature} for {audience}.'],
    },
    supplierBlurb: [
      'Independent {adj} technology company working with {audience}.',
      'We help {audience} {goal}.',
      'Specialists in {feature} and {feature} for the public sector.',
    ],
  },
  fr: {
    products: {
      'cloud-hosting': [
        'Kubernetes géré', 'Serveurs virtuels', 'Stockage objet', 'Stockage en bloc', 'PostgreSQL géré', 'MySQL géré',
        'Réseau de diffusion de contenu', 'Sauvegarde et restauration', 'Plateforme infonuagique privée', 'Calcul GPU',
        'Stockage d’archives', 'Répartition de charge', 'Registre de conteneurs', 'Fonctions sans serveur', 'Entrepôt de données',
        'Hébergement souverain', 'Reprise après sinistre', 'Pare-feu géré', 'Transfert sécurisé de fichiers', 'Serveurs dédiés',
      ],
      'cloud-software': [
        'Gestion des dossiers', 'Gestion documentaire', 'Paie et ressources humaines', 'Formulaires en ligne', 'Prise de rendez-vous',
        'Gestion des subventions', 'Gestion de la relation citoyen', 'Registre des actifs', 'Plateforme d’apprentissage', 'Intranet',
        'Gestion de contenu web', 'Vérification d’identité', 'Tableaux de bord analytiques', 'Traitement des plaintes',
        'Permis et licences', 'Passerelle de paiement', 'Gestion des archives', 'Outil de sondage', 'Signature électronique',
        'Réservation de salles', 'Demandes d’urbanisme',
      ],
      'cloud-support': [
        'Migration infonuagique', 'Bilan de sécurité', 'Tests d’intrusion', 'Soutien DevOps', 'Accompagnement agile',
        'Centre de services', 'Audit d’accessibilité', 'Migration de données', 'Optimisation des coûts infonuagiques',
        'Ingénierie de plateforme', 'Surveillance gérée', 'Réponse aux incidents', 'Revue d’architecture', 'Administration de bases de données',
        'Formation infonuagique', 'Modernisation des applications',
      ],
    },
    brandHeads: ['Nuage', 'Boréal', 'Azur', 'Clair', 'Ouvert', 'Rapide', 'Argent', 'Vert', 'Phare', 'Cèdre', 'Granit', 'Atlas', 'Orbite', 'Quai', 'Méridien', 'Lanterne', 'Boussole', 'Érable', 'Castor', 'Aurore', 'Fleuve', 'Horizon'],
    brandTails: ['ligne', 'étoile', 'porte', 'voie', 'flux', 'point', 'champ', 'pile', 'base', 'noyau', 'sage', 'marque', 'nuage', 'baie', 'coffre'],
    companyPlaces: ['Laurentides', 'Outaouais', 'Mauricie', 'Estrie', 'Gaspésie', 'Saguenay', 'Beauce', 'Charlevoix', 'Montérégie', 'Lanaudière', 'Abitibi', 'Acadie', 'Québec', 'Montréal', 'Gatineau', 'Sherbrooke', 'Rimouski', 'Lévis', 'Chaudière', 'Richelieu'],
    companyTrades: ['Infonuagique', 'Numérique', 'Données', 'Logiciels', 'Systèmes', 'Réseaux', 'Technologies', 'Conseil', 'Laboratoires', 'Solutions', 'Hébergement', 'Analytique', 'Sécurité', 'Informatique'],
    companyForms: ['inc.', 'inc.', 'ltée', 'SENC', 'coopérative'],
    adjectives: [
      'sécurisé', 'évolutif', 'géré', 'configurable', 'accessible', 'résilient', 'ouvert', 'automatisé', 'flexible', 'économique',
      'fiable', 'moderne', 'simple', 'entièrement géré', 'natif infonuagique', 'convivial', 'hautement disponible', 'à la demande',
      'multilocataire', 'dédié', 'conforme', 'rapide', 'éprouvé',
    ],
    audiences: [
      'municipalités', 'établissements de santé', 'écoles', 'universités', 'corps policiers', 'offices d’habitation',
      'ministères', 'services d’incendie', 'organismes publics', 'bibliothèques et musées', 'services sociaux', 'tribunaux',
      'acheteurs publics', 'services d’urgence', 'organismes de bienfaisance', 'sociétés de transport',
    ],
    goals: [
      'réduire les coûts d’hébergement', 'publier des données ouvertes', 'traiter les demandes plus vite', 'quitter les anciens serveurs',
      'respecter les normes de sécurité', 'améliorer les services aux citoyens', 'réduire la paperasse', 'partager les dossiers en toute sécurité',
      'automatiser les tâches courantes', 'garder les données au pays', 'se rétablir rapidement après une panne', 'absorber les pointes de demande',
      'suivre les actifs', 'gérer les dossiers de bout en bout', 'former leur personnel', 'protéger les renseignements personnels',
      'mesurer la performance des services', 'moderniser leurs applications', 'améliorer l’accessibilité', 'surveiller leur infrastructure',
    ],
    features: [
      'authentification unique', 'contrôle d’accès par rôle', 'sauvegardes automatisées', 'piste d’audit', 'chiffrement au repos',
      'chiffrement en transit', 'surveillance 24/7', 'accès par API', 'exportation des données en CSV', 'flux de travail configurables',
      'tableaux de bord et rapports', 'authentification à deux facteurs', 'centres de données au Canada', 'mise à l’échelle automatique',
      'restauration à un instant donné', 'notifications par courriel et texto', 'portail citoyen', 'application mobile', 'modèles de documents',
      'signatures électroniques', 'paiements par carte', 'importation en masse', 'recherche plein texte', 'historique des versions',
      'calendriers de conservation', 'analyse des vulnérabilités', 'gestion des correctifs', 'orchestration de conteneurs',
      'répartition de charge', 'conservation des journaux', 'rapports de niveau de service', 'domaines personnalisés', 'travail hors ligne',
      'interface bilingue', 'compatibilité avec les lecteurs d’écran', 'stockage géoredondant', 'instantanés', 'mises à niveau gérées',
      'alertes de coûts', 'infrastructure en tant que code', 'réseau privé', 'protection contre les attaques DDoS', 'pare-feu applicatif web',
    ],
    benefits: [
      'Coûts d’exploitation réduits', 'Facturation mensuelle prévisible', 'Moins de temps consacré aux serveurs', 'Décisions plus rapides',
      'Moins de rendez-vous manqués', 'Une vue unique de chaque dossier', 'Utilisateurs satisfaits', 'Preuves pour l’assurance',
      'Aucun investissement initial', 'Déploiements plus rapides', 'Meilleure qualité des données', 'Moins d’appels', 'Sécurité renforcée',
      'Audits facilités', 'Moins de papier', 'Données hébergées au pays', 'Moins de pannes',
    ],
    platforms: ['Amazon Web Services', 'Microsoft Azure', 'Google Cloud', 'Oracle Cloud', 'VMware', 'OpenStack', 'Kubernetes', 'Red Hat OpenShift', 'serveurs Linux', 'Windows Server'],
    certifications: ['ISO 9001', 'ISO 14001', 'pratique ITIL', 'évaluation de sécurité gouvernementale', 'attestation SOC 1'],
    vendors: ['Amazon Web Services', 'Microsoft', 'Google', 'Oracle', 'Salesforce', 'ServiceNow', 'Atlassian', 'Red Hat'],
    rare: ['hydrographique', 'télématique', 'géospatiale', 'braille', 'biobanque', 'sismique', 'héraldique', 'cryogénique'],
    sentences: {
      description: [
        '{product} {adj} pour les {audience}, avec {feature} et {feature}.',
        '{product} qui aide les {audience} à {goal}, avec {feature}, {feature} et {feature}.',
        'Un service {adj} pour {goal}. Comprend {feature} et {feature}.',
        '{product} hébergé au Canada avec {feature}, {feature} et un objectif de disponibilité de {percent} %.',
        'Aide les {audience} à {goal} et à {goal} grâce à une technologie infonuagique {adj}.',
      ],
      supportLevels: [
        'Le soutien standard couvre les questions sur {feature} pendant les heures ouvrables; le soutien prioritaire ajoute un ingénieur attitré et une réponse en {hours} heures pour les incidents critiques.',
        'Tous les clients bénéficient d’un soutien {adj} par courriel et billet. Les incidents critiques sont traités en {hours} heures, tous les jours de l’année.',
        'Nous offrons trois niveaux de soutien. Chacun comprend {feature} et des rapports mensuels; les niveaux supérieurs ajoutent {feature} et un gestionnaire de compte technique.',
      ],
      onboarding: [
        'Nous animons un atelier de démarrage, migrons vos données et formons les administrateurs pour que les {audience} puissent {goal} en {days} jours.',
        'L’intégration comprend la configuration de {feature}, l’importation des données et un accompagnement {adj} de votre équipe.',
        'Un plan par étapes vous mène de l’essai à la mise en service en {days} jours, avec {feature} et {feature}.',
      ],
      offboarding: [
        'À la fin du contrat, vous pouvez exporter toutes les données dans des formats ouverts. Nous supprimons les données restantes en {days} jours.',
        'Nous facilitons le passage à un autre fournisseur avec une exportation complète, {feature} et une réunion de transfert.',
        'Les données sont remises en CSV et JSON puis détruites de façon sécurisée; un certificat de destruction est fourni.',
      ],
      api: [
        'Une API REST documentée donne accès à {feature}, {feature} et aux rapports, avec OAuth 2.0 et des limites de débit.',
        'Notre API ouverte permet aux {audience} de s’intégrer aux systèmes existants et de {goal}.',
        'Utilisez l’API pour {feature} et {feature}; des bibliothèques clientes et un bac à sable sont offerts.',
      ],
      resilience: [
        'Le service fonctionne dans des centres de données {adj} avec {feature} et basculement automatique; objectif de point de reprise de {hours} heures.',
        'L’infrastructure est répliquée entre deux régions canadiennes, avec {feature} et des essais réguliers de reprise après sinistre.',
        'Nous concevons pour la panne : {feature}, {feature} et des contrôles de santé assurent la disponibilité.',
      ],
      freeTrial: ['Essai gratuit de {days} jours avec {feature} et {feature}.', 'Essayez le service complet gratuitement pendant {days} jours.'],
      training: [
        'Formation des administrateurs et des utilisateurs, en ligne ou sur place, sur {feature} et {feature}.',
        'Nous offrons des cours, des guides et des vidéos pour que les {audience} puissent {goal}.',
      ],
      generic: ['{feature} {adj} pour les {audience}.'],
    },
    supplierBlurb: [
      'Entreprise technologique {adj} au service des {audience}.',
      'Nous aidons les {audience} à {goal}.',
      'Spécialistes de {feature} et de {feature} pour le secteur public.',
    ],
  },
};

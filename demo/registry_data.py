"""Table 1 of the PIFCSS final report (000_381a7b609e67a35c.txt): the 13 initiatives with their
exact names, countries and sectors. Actors, objectives and the other ficha answers are plausible
illustrations, chosen so that 7 initiatives have three or more actor types, as the report counts."""

from registry.choices import ActorType as A, InitiativeType as T, Modality as M, Phase as P, SegibRole as R

INSTITUTIONS = {
    "PE": ("Agencia Peruana de Cooperación Internacional", "APCI"),
    "PY": ("Ministerio de Relaciones Exteriores del Paraguay", "MRE"),
    "DO": ("Ministerio de Economía, Planificación y Desarrollo", "MEPyD"),
    "CO": ("Agencia Presidencial de Cooperación Internacional de Colombia", "APC-Colombia"),
    "SV": ("Agencia de El Salvador para la Cooperación Internacional", "ESCO"),
    "CL": ("Agencia Chilena de Cooperación Internacional para el Desarrollo", "AGCID"),
    "CR": ("Ministerio de Planificación Nacional y Política Económica", "MIDEPLAN"),
    "AR": ("Dirección General de Cooperación Internacional, Cancillería Argentina", "DGCIN"),
    "BR": ("Agência Brasileira de Cooperação", "ABC"),
}

# Fictional people, one focal point per institution: the privacy tests check that none of their
# names or addresses reaches an anonymous visitor or an analyst.
FOCAL_POINTS = {
    "PE": ("Rosa Quispe Mamani", "rquispe@apci.example.org"),
    "PY": ("Hugo Benítez Acosta", "hbenitez@mre.example.org"),
    "DO": ("Carolina Peña Almonte", "cpena@mepyd.example.org"),
    "CO": ("Andrés Felipe Restrepo", "arestrepo@apccolombia.example.org"),
    "SV": ("Claudia Marisol Henríquez", "chenriquez@esco.example.org"),
    "CL": ("Francisca Soto Valdés", "fsoto@agcid.example.org"),
    "CR": ("Ana Solano Mora", "asolano@mideplan.example.org"),
    "AR": ("Martín Pereyra Gómez", "mpereyra@dgcin.example.org"),
    "BR": ("João Carvalho Lima", "jcarvalho@abc.example.org"),
}
# An actor offering to mentor others, with a person as its contact.
MENTOR = ("Universidad EARTH", "Gestión de alianzas con el sector privado", "Lucía Ramírez Chaves <lramirez@earth.example.org>")

INITIATIVES = [
    {
        "country": "PE",
        "name": "Desarrollo Sostenible del Turismo con Participación Comunitaria. Intercambio de experiencias entre el Perú y Tailandia. Gastronomía, técnicas e ingredientes, investigación y desarrollo turístico.",
        "sectors": ["tourism"],
        "type": T.ACTION,
        "modality": M.BILATERAL_SSC,
        "partners": [("TH", R.PROVIDER)],
        "actors": [
            ("Ministerio de Comercio Exterior y Turismo", A.PUBLIC_SECTOR),
            ("Agencia de Cooperación Internacional de Tailandia (TICA)", A.INTERNATIONAL_COOPERATION),
            ("Red de Turismo Rural Comunitario del Lago Titicaca", A.CIVIL_SOCIETY),
            ("Universidad San Ignacio de Loyola", A.ACADEMIA),
        ],
        "objectives": "Intercambiar experiencias de turismo comunitario y gastronomía para fortalecer emprendimientos rurales.",
        "sdgs": [8, 12, 17],
        "years": (2021, 2022),
    },
    {
        "country": "PY",
        "name": "Estrategias de reestructuración e implementación de políticas de superación de la pobreza para Colombia y Paraguay (Segunda fase)",
        "sectors": ["social"],
        "type": T.PROJECT,
        "modality": M.BILATERAL_SSC,
        "partners": [("CO", R.PROVIDER)],
        "actors": [
            ("Ministerio de Desarrollo Social", A.PUBLIC_SECTOR),
            ("Departamento Administrativo para la Prosperidad Social", A.PUBLIC_SECTOR),
            ("Fundación Paraguaya de Cooperación y Desarrollo", A.CIVIL_SOCIETY),
        ],
        "objectives": "Fortalecer el diseño y la implementación de las políticas de superación de la pobreza.",
        "sdgs": [1, 10],
        "years": (2020, 2022),
    },
    {
        "country": "DO",
        "name": "Implementación de instrumentos de desarrollo regional y ordenamiento territorial en la República Dominicana.",
        "sectors": ["governance"],
        "type": T.PROJECT,
        "modality": M.BILATERAL_SSC,
        "partners": [("CL", R.PROVIDER)],
        "actors": [
            ("Dirección General de Ordenamiento y Desarrollo Territorial", A.PUBLIC_SECTOR),
            ("Federación Dominicana de Municipios (FEDOMU)", A.LOCAL_GOVERNMENT),
        ],
        "objectives": "Implementar planes regionales de ordenamiento territorial con los gobiernos locales.",
        "sdgs": [11, 16],
        "years": (2020, 2023),
    },
    {
        "country": "DO",
        "name": "Fomento de la competitividad de la cadena de valor del cacao diferenciado guatemalteco post COVID-19",
        "sectors": ["economic_development"],
        "type": T.PROJECT,
        "modality": M.BILATERAL_SSC,
        "partners": [("GT", R.RECIPIENT)],
        "actors": [
            ("Comisión Nacional del Cacao", A.PUBLIC_SECTOR),
            ("Asociación Guatemalteca de Exportadores (AGEXPORT)", A.PRIVATE_SECTOR),
        ],
        "objectives": "Mejorar la calidad y la comercialización del cacao diferenciado de pequeños productores.",
        "sdgs": [2, 8],
        "years": (2021, 2023),
    },
    {
        "country": "CO",
        "name": "Fortalecimiento de experiencias a través del intercambio de conocimiento entre fundaciones aliadas en protección animal.",
        "sectors": ["economic_development"],
        "type": T.ACTION,
        "modality": M.BILATERAL_SSC,
        "partners": [("EC", R.RECIPIENT)],
        "actors": [
            ("Agencia Presidencial de Cooperación Internacional de Colombia", A.PUBLIC_SECTOR),
            ("Fundación Bienestar Animal Colombia", A.CIVIL_SOCIETY),
            ("Fundación Protección Animal Ecuador", A.CIVIL_SOCIETY),
        ],
        "objectives": "Compartir modelos de gestión y sostenibilidad económica entre fundaciones de protección animal.",
        "sdgs": [15, 17],
        "years": (2022, 2022),
    },
    {
        "country": "SV",
        "name": "Jóvenes Construyendo el Futuro",
        "sectors": ["social"],
        "type": T.PROJECT,
        "modality": M.BILATERAL_SSC,
        "partners": [("MX", R.PROVIDER)],
        "actors": [
            ("Ministerio de Trabajo y Previsión Social", A.PUBLIC_SECTOR),
            ("Secretaría del Trabajo y Previsión Social de México", A.PUBLIC_SECTOR),
            ("Cámara de Comercio e Industria de El Salvador", A.PRIVATE_SECTOR),
        ],
        "objectives": "Vincular a jóvenes que no estudian ni trabajan con empresas tutoras para su capacitación laboral.",
        "sdgs": [4, 8],
        "years": (2020, None),
    },
    {
        "country": "CL",
        "name": "Centro Comunitario de Emprendimiento Agrícola Makueni",
        "sectors": ["economic_development"],
        "type": T.PROJECT,
        "modality": M.BILATERAL_SSC,
        "partners": [("KE", R.RECIPIENT)],
        "actors": [
            ("Instituto de Desarrollo Agropecuario (INDAP)", A.PUBLIC_SECTOR),
            ("Gobierno del Condado de Makueni", A.LOCAL_GOVERNMENT),
            ("Fundación Chilena para el Desarrollo Rural", A.CIVIL_SOCIETY),
        ],
        "objectives": "Crear un centro comunitario que apoye el emprendimiento agrícola de pequeños productores.",
        "sdgs": [2, 8, 17],
        "years": (2019, 2022),
    },
    {
        "country": "CR",
        "name": "Desarrollo de un mecanismo financiero innovador para la conservación de arrecifes de coral en República Dominicana",
        "sectors": ["environment", "tourism"],
        "type": T.PROJECT,
        "modality": M.TRIANGULAR,
        "partners": [("DO", R.RECIPIENT), ("DE", R.SECOND_PROVIDER)],
        "actors": [
            ("Sistema Nacional de Áreas de Conservación (SINAC)", A.PUBLIC_SECTOR),
            ("Fundación Dominicana de Estudios Marinos (FUNDEMAR)", A.CIVIL_SOCIETY),
            ("Asociación Nacional de Hoteles y Turismo (ASONAHORES)", A.PRIVATE_SECTOR),
            ("Universidad de Costa Rica", A.ACADEMIA),
            ("Cooperación Alemana (GIZ)", A.INTERNATIONAL_COOPERATION),
        ],
        "objectives": "Diseñar un mecanismo financiero con aportes del sector turístico para conservar los arrecifes de coral.",
        "sdgs": [14, 17],
        "years": (2020, 2023),
    },
    {
        "country": "CR",
        "name": "Proyecto piloto de restauración de arrecifes de coral en Costa Rica",
        "sectors": ["environment", "tourism"],
        "type": T.PROJECT,
        "modality": M.TRIANGULAR,
        "partners": [("DO", R.PROVIDER), ("DE", R.SECOND_PROVIDER)],
        "actors": [
            ("Sistema Nacional de Áreas de Conservación (SINAC)", A.PUBLIC_SECTOR),
            ("Raising Coral Costa Rica", A.CIVIL_SOCIETY),
            ("Universidad de Costa Rica", A.ACADEMIA),
            ("Cámara Nacional de Turismo (CANATUR)", A.PRIVATE_SECTOR),
        ],
        "objectives": "Restaurar arrecifes de coral con viveros comunitarios y la participación del sector turístico.",
        "sdgs": [14, 13],
        "years": (2020, 2023),
    },
    {
        "country": "CR",
        "name": "Siembra y Cosecha de Agua y Servicios Ecosistémicos",
        "sectors": ["environment"],
        "type": T.PROJECT,
        "modality": M.BILATERAL_SSC,
        "partners": [("GT", R.RECIPIENT)],
        "actors": [
            ("Ministerio de Agricultura y Ganadería", A.PUBLIC_SECTOR),
            ("Municipalidad de Turrialba", A.LOCAL_GOVERNMENT),
            ("Asociaciones Administradoras de Acueductos Comunales (ASADAS)", A.CIVIL_SOCIETY),
            ("Universidad EARTH", A.ACADEMIA),
        ],
        "objectives": "Promover técnicas de siembra y cosecha de agua y el pago por servicios ecosistémicos.",
        "sdgs": [6, 13, 15],
        "years": (2021, None),
    },
    {
        "country": "AR",
        "name": "Fortalecimiento al sector Vitivinícola de Tarija",
        "sectors": ["economic_development", "environment"],
        "type": T.PROJECT,
        "modality": M.BILATERAL_SSC,
        "partners": [("BO", R.RECIPIENT)],
        "actors": [
            ("Instituto Nacional de Tecnología Agropecuaria (INTA)", A.PUBLIC_SECTOR),
            ("Instituto Nacional de Vitivinicultura", A.PUBLIC_SECTOR),
            ("Universidad Nacional de Cuyo", A.ACADEMIA),
            ("Asociación Nacional de Industriales Vitivinícolas de Bolivia", A.PRIVATE_SECTOR),
        ],
        "objectives": "Mejorar la productividad y la sostenibilidad ambiental de la vitivinicultura de Tarija.",
        "sdgs": [8, 12],
        "years": (2019, 2022),
    },
    {
        "country": "AR",
        "name": "APICARIBE: Fortalecimiento de la industria apícola en países del Caribe Anglófono",
        "sectors": ["economic_development"],
        "type": T.PROJECT,
        "modality": M.REGIONAL_SSC,
        "partners": [("JM", R.RECIPIENT), ("TT", R.RECIPIENT), ("GY", R.RECIPIENT)],
        "actors": [
            ("Instituto Nacional de Tecnología Agropecuaria (INTA)", A.PUBLIC_SECTOR),
            ("Instituto Caribeño de Investigación y Desarrollo Agrícola (CARDI)", A.INTERNATIONAL_COOPERATION),
        ],
        "objectives": "Fortalecer las capacidades técnicas de los productores apícolas del Caribe anglófono.",
        "sdgs": [2, 8, 15],
        "years": (2018, 2022),
    },
    {
        "country": "BR",
        "name": 'Projeto Regional de Fortalecimento do Setor Algodoeiro na Bacia do Lago Victoria (Projeto "Cotton-Victoria")',
        "sectors": ["economic_development"],
        "type": T.PROJECT,
        "modality": M.TRIANGULAR,
        "partners": [("KE", R.RECIPIENT), ("TZ", R.RECIPIENT), ("BI", R.RECIPIENT)],
        "actors": [
            ("Empresa Brasileira de Pesquisa Agropecuária (Embrapa)", A.PUBLIC_SECTOR),
            ("Instituto Brasileiro do Algodão (IBA)", A.PRIVATE_SECTOR),
            ("Organização das Nações Unidas para a Alimentação e a Agricultura (FAO)", A.INTERNATIONAL_COOPERATION),
        ],
        "objectives": "Fortalecer a cadeia do algodão na bacia do Lago Victoria com tecnologia e organização de produtores.",
        "sdgs": [1, 2, 8],
        "years": (2015, 2022),
    },
]

COMMON = {
    "justification": (
        "La iniciativa surgió de una demanda concreta de los socios y reunió a actores de distinta "
        "naturaleza porque ninguno podía alcanzar el objetivo por sí solo."
    ),
    "strengths": [
        "Complementariedad de capacidades entre los actores.",
        "Confianza construida en espacios de trabajo conjunto.",
    ],
    "challenges": ["Coordinar tiempos y procedimientos institucionales distintos."],
    "results": ["Capacidades fortalecidas en las instituciones participantes."],
    "phase": P.IMPLEMENTATION,
}

# Demo logins printed by `make run`; only for a local checkout.
DEMO_PASSWORD = "alianzas-demo"
DEMO_USERS = [
    # username, first name, last name, role, institution country or None, staff
    ("focal_cr", "Ana", "Solano", "focal_point", "CR", False),
    ("focal_ar", "Martín", "Pereyra", "focal_point", "AR", False),
    ("curator", "Daniela", "Vargas", "technical_unit", None, True),
    ("analyst", "Jorge", "Pérez", "analyst", None, False),
]

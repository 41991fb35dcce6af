"""Language detection: English is told from the other languages, mixed documents included."""

# ruff: noqa: RUF001 (the texts are in other scripts, whose letters look like Latin ones)

from __future__ import annotations

import time

import pytest
from hypothesis import given
from hypothesis import strategies as st

from fit_analyzer import document_from_text
from fit_analyzer.language import LANGUAGE_NAMES, detect_language

ENGLISH_RESUME = """\
María José de la Fuente del Río
Senior Data Engineer
maria.fuente@example.com | Calle de la Rosa 14, 41001 Sevilla, Spain | +34 600 000 000

Summary
Data engineer with eight years of experience building batch and streaming pipelines for
retail and logistics companies. I enjoy turning messy data into tables that analysts trust,
and I have led small teams through migrations to the cloud.

Experience
Data Engineer, Northwind Logistics, Madrid (2019 - present)
- Designed the ingestion platform on AWS with Kafka, Spark and Airflow, cutting the nightly
  load from six hours to forty minutes.
- Led a team of four engineers and mentored two interns through their first releases.
- Wrote the data contracts that the finance and the warehouse teams now rely on.

Analyst, Tienda del Sol (2015 - 2019)
- Built the weekly sales reports in SQL and Tableau for the regional managers.

Skills
Python, SQL, Spark, Kafka, Airflow, Terraform, AWS, dbt

Languages
English (fluent), Spanish (native)
"""

GERMAN_RESUME = """\
Jonas Becker
Senior Backend Engineer

Profile
Backend-Entwickler mit über acht Jahren Erfahrung in der Entwicklung von verteilten Systemen.
Ich arbeite am liebsten in kleinen Teams, die ihre Dienste selbst betreiben.

Experience
Senior Backend Engineer, Beispiel Zahlungen GmbH, Berlin (2019 – heute)
- Aufbau einer Plattform für Echtzeit-Zahlungen mit Python, Kafka und PostgreSQL
- Migration der bestehenden Dienste auf Kubernetes und AWS; die Kosten sind dadurch um ein
  Drittel gesunken
- Einführung von Code-Reviews und automatisierten Tests für das gesamte Team

Software Engineer, Musterbank AG, Frankfurt (2015 – 2019)
- Entwicklung von REST-APIs in Java und Spring Boot für das Online-Banking
- Betreuung der CI/CD-Pipelines mit Jenkins und GitLab

Skills and Tools
Python, Java, Go, Kubernetes, AWS, Terraform, Docker, PostgreSQL, Kafka, Grafana

Education
M.Sc. Informatik, Technische Universität München
"""

FRENCH_POSTING = """\
Développeur Full Stack (H/F)
Nous recherchons un développeur full stack pour rejoindre notre équipe produit à Lyon. Vous
travaillerez avec les designers et les chefs de projet sur une application utilisée par deux
millions de clients.
Missions
- Concevoir et développer de nouvelles fonctionnalités en React et Node.js
- Participer aux revues de code et à l'amélioration de la qualité
- Assurer le suivi des mises en production avec l'équipe DevOps
Profil recherché
Vous avez au moins trois ans d'expérience dans le développement web et vous aimez le travail
en équipe. La connaissance de TypeScript est un atout.
"""

SPANISH_POSTING = """\
Enfermero/a de cuidados intensivos
Buscamos un enfermero o una enfermera para la unidad de cuidados intensivos de nuestro
hospital en Valencia. Ofrecemos un contrato indefinido, formación continua y un buen ambiente
de trabajo.
Requisitos
- Grado en Enfermería y colegiación vigente
- Al menos dos años de experiencia en una unidad de cuidados intensivos
- Capacidad para trabajar en equipo y para tomar decisiones con rapidez
Funciones
- Valorar el estado de los pacientes y administrar la medicación según las pautas médicas
- Colaborar con el equipo médico en los procedimientos y en la atención a las familias
"""

ITALIAN_POSTING = """\
Cerchiamo un tecnico di manutenzione per il nostro stabilimento di Bologna. La persona si
occuperà della manutenzione ordinaria e straordinaria delle linee di produzione e lavorerà a
stretto contatto con il responsabile di reparto. È richiesta esperienza di almeno due anni nel
settore e la conoscenza dei principali impianti elettrici e pneumatici. Offriamo un contratto a
tempo indeterminato e la possibilità di crescere all'interno dell'azienda.
"""

DUTCH_POSTING = """\
Wij zoeken een ervaren projectleider voor ons kantoor in Utrecht. Je bent verantwoordelijk
voor de planning en de uitvoering van bouwprojecten en je werkt nauw samen met onze
opdrachtgevers. Wat vragen wij? Een afgeronde opleiding op hbo-niveau, minimaal vijf jaar
ervaring en goede communicatieve vaardigheden. Wij bieden een prettige werkomgeving, een goed
salaris en de mogelijkheid om door te groeien.
"""

PORTUGUESE_POSTING = """\
Estamos à procura de um analista de dados para a nossa equipa em Lisboa. O candidato ideal tem
experiência com SQL e Python e gosta de trabalhar com pessoas de outras áreas. Oferecemos um
ambiente de trabalho flexível, formação contínua e um plano de saúde para toda a família. Se
você tem interesse, envie o seu currículo até ao final do mês.
"""

POLISH_POSTING = """\
Szukamy doświadczonego programisty do naszego zespołu w Krakowie. Będziesz odpowiedzialny za
rozwój aplikacji oraz współpracę z zespołem produktowym. Oferujemy umowę o pracę, elastyczne
godziny pracy i prywatną opiekę medyczną dla całej rodziny. Jeśli lubisz pracę w zespole, nie
czekaj i wyślij nam swoje CV.
"""

SWEDISH_POSTING = """\
Vi söker en erfaren systemutvecklare till vårt team i Göteborg. Du kommer att arbeta med våra
kunder och ta fram nya tjänster tillsammans med andra utvecklare. Vi tror att du har några års
erfarenhet av Java eller Kotlin och att du tycker om att samarbeta. Hos oss får du en trygg
anställning och goda möjligheter att utvecklas.
"""

ENGLISH_POSTING_WITH_SPANISH_LINE = """\
Machine Operator, Second Shift
We are hiring machine operators for our plant in El Paso. You will set up and run CNC lathes,
check parts against the drawings and keep the work area clean and safe.
Requirements
- One year of experience in a manufacturing environment
- Able to read a caliper and a micrometer and to lift 50 pounds
Benefits
- Medical, dental and vision insurance from the first day
- Ofrecemos seguro médico y dental desde el primer día para todos los empleados y sus familias.
- Paid time off and a 401(k) plan with a company match
"""

RUSSIAN_POSTING = """\
Мы ищем опытного инженера-программиста в нашу команду в Москве. Вы будете разрабатывать
сервисы на Python и Go, участвовать в проектировании архитектуры и помогать коллегам.
Требования: опыт работы от трёх лет, знание PostgreSQL и Kubernetes.
"""

UKRAINIAN_POSTING = """\
Ми шукаємо досвідченого інженера-програміста до нашої команди в Києві. Ви будете розробляти
сервіси на Python та брати участь у проєктуванні архітектури.
"""

GREEK_POSTING = """\
Αναζητούμε έναν έμπειρο μηχανικό λογισμικού για την ομάδα μας στην Αθήνα. Θα εργαστείτε με
Python και Kubernetes σε ένα μικρό και δημιουργικό περιβάλλον.
"""

CHINESE_POSTING = (
    "我们正在寻找一名有经验的后端工程师，负责设计和开发公司的支付系统。"
    "要求熟悉Python和Kubernetes，三年以上工作经验。"
)
JAPANESE_POSTING = (
    "私たちはバックエンドエンジニアを募集しています。PythonとKubernetesの経験がある方を歓迎します。"
)
ARABIC_POSTING = (
    "نبحث عن مهندس برمجيات ذو خبرة للانضمام إلى فريقنا في دبي. يجب أن تكون لديك خبرة في بايثون."
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (ENGLISH_RESUME, "en"),
        (GERMAN_RESUME, "de"),
        (FRENCH_POSTING, "fr"),
        (SPANISH_POSTING, "es"),
        (ITALIAN_POSTING, "it"),
        (DUTCH_POSTING, "nl"),
        (PORTUGUESE_POSTING, "pt"),
        (POLISH_POSTING, "pl"),
        (SWEDISH_POSTING, "sv"),
        (ENGLISH_POSTING_WITH_SPANISH_LINE, "en"),
        (RUSSIAN_POSTING, "ru"),
        (UKRAINIAN_POSTING, "uk"),
        (GREEK_POSTING, "el"),
        (CHINESE_POSTING, "zh"),
        (JAPANESE_POSTING, "ja"),
        (ARABIC_POSTING, "ar"),
    ],
    ids=lambda value: value if len(value) <= 3 else None,
)
def test_language_is_detected(text: str, expected: str) -> None:
    assert detect_language(text) == expected


def test_german_resume_with_english_headings_and_skills_reads_as_german() -> None:
    # The headings, the job titles and the skill list are English; the sentences are not.
    assert detect_language(GERMAN_RESUME) == "de"


def test_english_resume_with_a_spanish_name_and_address_reads_as_english() -> None:
    assert detect_language(ENGLISH_RESUME) == "en"


def test_text_in_capitals_is_still_read() -> None:
    assert detect_language(SPANISH_POSTING.upper()) == "es"
    assert detect_language(ENGLISH_RESUME.upper()) == "en"


@pytest.mark.parametrize(
    "text",
    [
        "Python developer, Berlin",
        "",
        "   \n\t",
        "Python, Java, Kubernetes, AWS, Docker, Terraform, PostgreSQL, Kafka, Grafana, Jenkins, "
        "GitLab, Linux, Bash, Ansible",
    ],
    ids=["short", "empty", "blank", "skills only"],
)
def test_too_few_words_to_tell_is_undetermined(text: str) -> None:
    assert detect_language(text) == "und"


def test_links_names_and_citations_are_not_foreign_words() -> None:
    text = (
        "Contact: dan.van.der.berg@example.com, linkedin.com/in/dan-van-der-berg. "
        "Published with Van Der Berg et al. and De La Cruz et al. in Los Angeles. "
        "Worked on the data platform and led the migration of the reports to the cloud."
    )
    assert detect_language(text) == "en"


def test_every_returned_code_has_a_name() -> None:
    texts = [ENGLISH_RESUME, GERMAN_RESUME, RUSSIAN_POSTING, CHINESE_POSTING, "kurz", "ሰላም " * 20]
    assert {detect_language(text) for text in texts} <= set(LANGUAGE_NAMES)
    assert detect_language("ሰላም " * 20) == "mis"  # Ethiopic: a script not named here


def test_detection_is_fast_on_long_text() -> None:
    text = GERMAN_RESUME * 60  # about 60,000 characters; only the start is read
    started = time.perf_counter()
    for _ in range(10):
        assert detect_language(text) == "de"
    assert (time.perf_counter() - started) / 10 < 0.05


def test_document_carries_the_language_and_a_warning() -> None:
    document = document_from_text(GERMAN_RESUME, "resume")
    assert document.language == "de"
    assert (
        "the text reads as German, not English; the model reads English only, "
        "so the scores are not reliable"
    ) in document.warnings


def test_english_document_has_no_language_warning() -> None:
    document = document_from_text(ENGLISH_RESUME, "resume")
    assert document.language == "en"
    assert not any("not English" in warning for warning in document.warnings)


def test_posting_in_another_script_is_flagged() -> None:
    document = document_from_text(RUSSIAN_POSTING * 3, "posting")
    assert document.language == "ru"
    assert any(w.startswith("the text reads as Russian, not English") for w in document.warnings)


@given(st.text())
def test_arbitrary_text_never_raises(text: str) -> None:
    assert detect_language(text) in LANGUAGE_NAMES

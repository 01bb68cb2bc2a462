// Vite's module types (?inline CSS, import.meta.env) for the app's sources.
/// <reference types="vite/client" />

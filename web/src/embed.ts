// The embedding example page (embed.html): the package's element entry and nothing else;
// each instance reads its own attributes and owns its own worker.
import './element.js';

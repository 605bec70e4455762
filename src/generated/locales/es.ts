
    // Do not modify this file by hand!
    // Re-generate this file by running lit-localize

    
    import {str} from '@lit/localize';

    /* eslint-disable no-irregular-whitespace */
    /* eslint-disable @typescript-eslint/no-explicit-any */

    export const templates = {
      's0314eb21feef6f85': `Nadie está atendiendo por video ahora.`,
's13bd09381977b5d3': `Escriba o llame a la unidad.`,
's22e8c36912179d07': str`atención hasta el ${0}, ${1}`,
's2624af8e5941bced': `espera estimada de 1 minuto`,
's280fc6f825b408ee': `Busque el teléfono y el correo de la unidad en el sitio del tribunal.`,
's2b3640a265341d47': str`Hoy no hay atención: ${0}.`,
's37b44f83911bb589': str`abre mañana, ${0}`,
's3c3fa3531fa6e60c': `1 persona en la fila`,
's3ec94f102cacdfed': `Verifique su conexión a internet e intente de nuevo.`,
's401f64b510f40a56': str`${0} personas en la fila`,
's4744a42a89605111': `Comprobando el horario de atención…`,
's53b2507f6805c4f9': `Volver`,
's5790a03a5d0effd6': `Mientras tanto, comuníquese con la unidad por los contactos de abajo.`,
's6563c7e80b85cf07': str`atención hasta las ${0}`,
's669b8b17f7de2dbf': str`atención hasta mañana, ${0}`,
's67296ba48827f35c': `Abierto ahora`,
's6bcc56922322d79f': `Comuníquese con la unidad`,
's6e1a3caacb8231ac': `Atención por video disponible ahora.`,
's7540114ee265c0d3': `Teléfono:`,
's86061fdb2fd622d8': `atención las 24 horas`,
's873909365a66e42d': str`Sin conexión con el servidor ahora. Horarios guardados en este dispositivo el ${0}.`,
'sa12502b49acadfa1': str`abre el ${0}, ${1}`,
'sa41a05988a9237a9': `Comuníquese con la unidad por los contactos de abajo.`,
'sa66897e896c2a8b7': `Entrar al Mostrador Virtual`,
'saa9a835b7f469d61': `Nadie en la fila ahora`,
'sb3dc3e50e76e2756': `Sin conexión con el Mostrador Virtual.`,
'sb6f1069924f4f35e': `Correo electrónico:`,
'sbcdddfbfd1b4a0a1': `Escriba a la unidad por correo electrónico.`,
'sc0dd6ef375c75cfe': `Intentar de nuevo`,
'sc2159c92c4e88664': str`Mostrador Virtual: ${0}`,
'sc93fcc5d8c4b08c4': str`abre hoy a las ${0}`,
'sdc59627c014e7ad4': `Este Mostrador Virtual no indica a qué unidad pertenece.`,
'sdd3e4288d807c0ce': `Llame a la unidad.`,
'sddcab20d137df7de': `sin atención por video por el momento`,
'sdf9541dc9aa45437': `Cerrado`,
'se74ee59e21fbce26': `La atención por video aún no está disponible en esta página. Mientras tanto, la unidad atiende por teléfono y correo electrónico:`,
'se85e3f8753aba418': `sin fecha prevista de apertura`,
'sea4cb1c6e0a3c12d': `Intente de nuevo en unos minutos.`,
'sea8fae4378d8ab49': `Mientras tanto, busque el teléfono y el correo de la unidad en el sitio del tribunal.`,
'sebd14040412b1c9c': `sin estimación todavía`,
'sef4315ab29df4172': `El Mostrador Virtual tiene un problema y no pudo mostrar el horario de esta unidad.`,
'sf03213adf7785f55': `No encontramos esta unidad en el Mostrador Virtual.`,
'sf87ad3233ecfbc87': str`espera estimada de ${0} minutos`,
'sfaf4c95cf35e0a58': `Mostrador Virtual`,
'sfd4eedab2370d6cf': str`Horarios en el huso horario de la unidad: ${0}.`,
    };
  